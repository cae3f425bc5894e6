import { EventEmitter } from 'node:events';
import { proto, ReachoutTimelockEnforcementType, type AnyMessageContent, type BaileysEventMap, type Contact, type ReachoutTimelockState, type WAMessage, type WAMessageKey } from '@whiskeysockets/baileys';
import type { SocketConfig, SocketFactory, WhatsAppSocket } from '../whatsapp/socket-factory';
import { FakeNumberLookup } from './fake-number-lookup';

/**
 * A scripted stand-in for a Baileys socket: the test emits Baileys' own events on `ev` and
 * inspects what the code under test did (listeners left, `end` calls, sent messages).
 */
export class FakeSocket implements WhatsAppSocket {
  readonly emitter = new EventEmitter();
  user: Contact | undefined;
  ended = 0;
  readonly sent: { jid: string; content: AnyMessageContent }[] = [];
  /** The keys of what `sendMessage` sent, in order (for the acks a test plays back). */
  readonly sentKeys: WAMessageKey[] = [];
  private sequence = 0;

  constructor(readonly config: SocketConfig) {}

  readonly ev: WhatsAppSocket['ev'] = {
    on: (event, listener) => void this.emitter.on(event, listener),
    off: (event, listener) => void this.emitter.off(event, listener),
    removeAllListeners: (event) => void this.emitter.removeAllListeners(event),
    emit: <T extends keyof BaileysEventMap>(event: T, arg: BaileysEventMap[T]) => this.emitter.emit(event, arg),
    process: () => () => undefined,
    buffer: () => undefined,
    createBufferedFunction: (work) => work,
    flush: () => false,
    isBuffering: () => false,
    destroy: () => undefined,
  };

  end = async (_error: Error | undefined): Promise<void> => {
    this.ended += 1;
  };

  sendMessage = async (jid: string, content: AnyMessageContent): Promise<WAMessage> => {
    this.sent.push({ jid, content });
    const text = 'text' in content && typeof content.text === 'string' ? content.text : '';
    const key = { remoteJid: jid, fromMe: true, id: `FAKE${++this.sequence}` };
    this.sentKeys.push(key);
    return proto.WebMessageInfo.fromObject({
      key,
      message: { conversation: text },
      messageTimestamp: 1_700_000_000,
      status: proto.WebMessageInfo.Status.PENDING,
    }) as WAMessage;
  };

  readonly pairingCodeRequests: string[] = [];
  readonly rejectedCalls: string[] = [];
  readonly readKeys: WAMessageKey[] = [];
  readonly presence: string[] = [];
  loggedOut = 0;
  /** What `signalRepository.lidMapping.getPNForLID` answers. */
  readonly lidToPn = new Map<string, string>();

  logout = async (): Promise<void> => {
    this.loggedOut += 1;
    this.emitter.emit('connection.update', { connection: 'close', lastDisconnect: { error: closedWith(401, 'logged out'), date: new Date() } });
  };

  requestPairingCode = async (phone: string): Promise<string> => {
    this.pairingCodeRequests.push(phone);
    return 'ABCD1234';
  };

  rejectCall = async (callId: string): Promise<void> => {
    this.rejectedCalls.push(callId);
  };

  readMessages = async (keys: WAMessageKey[]): Promise<void> => {
    this.readKeys.push(...keys);
  };

  sendPresenceUpdate = async (type: string): Promise<void> => {
    this.presence.push(type);
  };

  profilePictureUrl = async (): Promise<string | undefined> => undefined;

  /** What `fetchAccountReachoutTimelock` answers (an Error: it fails), and how often it was asked. */
  timelock: ReachoutTimelockState | Error = { isActive: false };
  timelockFetches = 0;

  /** Like Baileys: the answer is also emitted as `connection.update.reachoutTimeLock`. */
  fetchAccountReachoutTimelock = async (): Promise<ReachoutTimelockState> => {
    this.timelockFetches += 1;
    await Promise.resolve();
    if (this.timelock instanceof Error) throw this.timelock;
    const result = { enforcementType: ReachoutTimelockEnforcementType.DEFAULT, ...this.timelock, isActive: Boolean(this.timelock.isActive) };
    this.emitter.emit('connection.update', { reachoutTimeLock: result });
    return result;
  };

  /** What WhatsApp answers about numbers (`onWhatsApp`). */
  readonly numbers = new FakeNumberLookup();
  onWhatsApp = (...jids: string[]) => this.numbers.onWhatsApp(...jids);

  readonly signalRepository = {
    lidMapping: { getPNForLID: async (lid: string) => this.lidToPn.get(lid) ?? null },
  } as unknown as WhatsAppSocket['signalRepository'];

  /** How many listeners of any event are still attached. */
  listenerTotal(): number {
    return this.emitter.eventNames().reduce((sum, name) => sum + this.emitter.listenerCount(name), 0);
  }
}

/** A factory that records every socket it makes, newest last. */
export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    factory: (config) => {
      const socket = new FakeSocket(config);
      sockets.push(socket);
      return socket;
    },
  };
}

/** What Baileys puts in `lastDisconnect.error`: a Boom carrying the close code. */
export const closedWith = (statusCode: number, message = `closed with ${statusCode}`) =>
  Object.assign(new Error(message), { output: { statusCode } });
