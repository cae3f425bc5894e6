import {
  DisconnectReason,
  isJidGroup,
  jidNormalizedUser,
  proto,
  type BaileysEventMap,
  type Contact,
  type LIDMapping,
  type NewChatMessageCapInfo,
  type ReachoutTimelockState,
  type WAMessage,
  type WAMessageKey,
  type WAMessageUpdate,
  type WAVersion,
} from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { accountReasonCodes as reasonCodes, type AccountSettings, type AccountState, type HistoryChoice, type HistoryProgressDto, type PairingDto } from '../../../shared/contract';
import { isLinked, type SqliteAuthState } from './auth-state';
import { decideReconnect, givesUpPairing } from './reconnect-policy';
import { createMediaUploadCache, createRetryCounterCache, type SocketFactory, type WhatsAppSocket } from './socket-factory';
import { openUpsertSpool, type UpsertSpool } from './upsert-spool';

export interface RuntimeStatus {
  state: AccountState;
  attempt: number | null;
  nextRetryAt: number | null;
  reason: string | null;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface LidResolver {
  pnForLid(lid: string): Promise<string | null | undefined>;
}

/** What the supervisor hands to the inbox. */
export interface InboxSink {
  ingestUpsert(accountId: string, messages: WAMessage[], type: 'notify' | 'append', resolver?: LidResolver): unknown;
  ingestUpdates(accountId: string, updates: WAMessageUpdate[]): void;
  ingestChatUpdates(accountId: string, updates: BaileysEventMap['chats.update']): void;
  ingestReceipts(accountId: string, receipts: BaileysEventMap['message-receipt.update']): void;
  ingestHistory(accountId: string, chunk: BaileysEventMap['messaging-history.set'], options: { choice: HistoryChoice; now: number }): { chats: number; messages: number };
  ingestContacts(accountId: string, contacts: Partial<Contact>[]): void;
  learnLidMapping(accountId: string, mappings: LIDMapping[]): void;
}


export interface SupervisorDeps {
  accountId: string;
  /** Opens the stored session; throws when it is damaged. */
  openAuth: () => SqliteAuthState;
  /** Deletes the stored session (damaged, or logged out). */
  wipeAuth: () => void;
  socketFactory: SocketFactory;
  inbox: InboxSink;
  /** Answers Baileys' getMessage (retries) from the store. */
  loadMessage: (key: WAMessageKey) => proto.IMessage | undefined;
  /** The account's current settings (read at each use, so edits apply without a restart). */
  settings: () => AccountSettings;
  onStatus: (status: RuntimeStatus) => void;
  /** The QR or code to show; all fields null once pairing is over. */
  onPairing: (pairing: PairingDto) => void;
  onHistory: (progress: HistoryProgressDto) => void;
  /** Called once per successful connection with the live socket (profile, avatar…). */
  onConnected: (socket: WhatsAppSocket) => void;
  /** WhatsApp's reach-out lock (`connection.update.reachoutTimeLock`); called at once, not queued, so a fetch's echo is seen while it runs. */
  onReachOutLock?: (state: ReachoutTimelockState) => void;
  /** WhatsApp's new-chat message cap (`message-capping.update`). */
  onMessageCap?: (info: NewChatMessageCapInfo) => void;
  /** Where to connect; practice accounts answer their local server's URL. */
  resolveUrl?: () => Promise<string | undefined>;
  /** Real accounts: WhatsApp Web's current version (Baileys' built-in one when absent). Practice accounts have none. */
  resolveVersion?: () => Promise<WAVersion>;
  /** Where incoming messages wait until the inbox has stored them (a file in the data folder); in memory when absent. */
  spool?: UpsertSpool;
  /** True while received messages cannot be stored (disk full, database busy); false once they all are. */
  onStorageProblem?: (failing: boolean) => void;
  logger: Logger;
  clock?: Clock;
  random?: () => number;
}

/** Retrying a failed store of incoming messages: soon, then every half minute at most. */
export const SPOOL_RETRY_FIRST_MS = 1_000;
export const SPOOL_RETRY_MAX_MS = 30_000;

type Listener = [keyof BaileysEventMap, (arg: never) => void];

// Baileys lets the first QR live 60 s and each next one 20 s (socket.js, qrTimeout).
const FIRST_QR_MS = 60_000;
const NEXT_QR_MS = 20_000;

/**
 * Keeps exactly one Baileys socket per account alive, applies the reconnect policy and walks the
 * pairing (QR or code). Every socket's listeners are removed before the next one is made, so an
 * old socket can never write into the store after it is replaced. Everything a socket reports
 * goes through one queue per account, so a status update never overtakes the message it is about.
 */
export function createAccountSupervisor(deps: SupervisorDeps) {
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const retryCounterCache = createRetryCounterCache();
  const mediaUploadCache = createMediaUploadCache();
  let auth: SqliteAuthState | undefined;
  let socket: WhatsAppSocket | undefined;
  let listeners: Listener[] = [];
  let retryTimer: unknown;
  let attempt = 0;
  let stopped = true;
  // Bumped by every connect(): only the latest one may make a socket once its URL is resolved.
  let generation = 0;
  let status: RuntimeStatus = { state: 'disconnected', attempt: null, nextRetryAt: null, reason: null };
  let pairing: PairingDto | null = null;
  let qrCount = 0;
  let history = { chats: 0, messages: 0 };
  let queue: Promise<unknown> = Promise.resolve();
  const spool = deps.spool ?? openUpsertSpool(null, deps.logger);
  let spoolRetry: unknown;
  let spoolDelay = 0;
  let storageFailing = false;

  const enqueue = (what: string, work: () => unknown) => {
    queue = queue.then(work).catch((error: unknown) => deps.logger.error({ err: error }, `${what} failed`));
  };

  const setStorageFailing = (failing: boolean) => {
    if (storageFailing === failing) return;
    storageFailing = failing;
    deps.onStorageProblem?.(failing);
  };

  /**
   * Stores what the spool holds, oldest first, and stops at the first failure: the rest waits
   * behind it (in the spool file) and is tried again with back-off, so nothing WhatsApp delivered
   * is dropped and the order is kept.
   */
  const drainSpool = async () => {
    if (spoolRetry !== undefined) return; // a retry is already scheduled; new messages wait for it
    for (const entry of [...spool.pending()]) {
      try {
        await deps.inbox.ingestUpsert(deps.accountId, entry.messages, entry.type, socket ? lidResolver(socket) : undefined);
      } catch (error) {
        spoolDelay = Math.min(SPOOL_RETRY_MAX_MS, spoolDelay ? spoolDelay * 2 : SPOOL_RETRY_FIRST_MS);
        deps.logger.error({ err: error, waiting: spool.pending().length, retryInMs: spoolDelay }, 'incoming messages could not be stored; they are kept and retried');
        setStorageFailing(true);
        spoolRetry = clock.setTimeout(() => {
          spoolRetry = undefined;
          enqueue('messages.upsert retry', drainSpool);
        }, spoolDelay);
        return;
      }
      spool.done(entry);
    }
    spoolDelay = 0;
    setStorageFailing(false);
  };

  const setStatus = (next: Partial<RuntimeStatus> & { state: AccountState }) => {
    status = { attempt: null, nextRetryAt: null, reason: null, ...next };
    deps.onStatus(status);
  };

  const setPairing = (next: PairingDto | null) => {
    if (next === null && pairing === null) return;
    pairing = next;
    deps.onPairing(next ?? { accountId: deps.accountId, qr: null, code: null, expiresAt: null });
  };

  const detach = () => {
    if (!socket) return;
    for (const [event, fn] of listeners) socket.ev.off(event, fn as never);
    listeners = [];
    const old = socket;
    socket = undefined;
    try {
      void Promise.resolve(old.end(undefined)).catch(() => undefined);
    } catch (error) {
      deps.logger.debug({ err: error }, 'closing an old socket failed');
    }
  };

  const on = <E extends keyof BaileysEventMap>(s: WhatsAppSocket, event: E, fn: (arg: BaileysEventMap[E]) => void) => {
    s.ev.on(event, fn);
    listeners.push([event, fn as (arg: never) => void]);
  };

  const clearRetry = () => {
    if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
    retryTimer = undefined;
  };

  const scheduleReconnect = (delayMs: number, reason: string | null) => {
    attempt += 1;
    setStatus({ state: 'reconnecting', attempt, nextRetryAt: clock.now() + delayMs, reason });
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delayMs);
  };

  const wipe = () => {
    deps.wipeAuth();
    auth = undefined;
  };

  const handleClose = (error: Error | undefined) => {
    const statusCode = (error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
    const wasPairing = auth !== undefined && !isLinked(auth.state.creds);
    detach();
    if (stopped) return;
    const reason = error?.message ?? null;
    deps.logger.info({ statusCode, reason }, 'socket closed');
    if (wasPairing && statusCode === DisconnectReason.timedOut && pairing) {
      // Every QR (or the code) ran out unused: say so and wait for "Try again", never loop.
      stopped = true;
      setPairing(null);
      setStatus({ state: 'pairing_expired', reason: reasonCodes.qrExpired });
      return;
    }
    if (wasPairing && givesUpPairing(statusCode, attempt + 1)) {
      stopped = true;
      setPairing(null);
      setStatus({ state: 'pairing_expired', reason: reasonCodes.pairingFailed });
      return;
    }
    const decision = decideReconnect(statusCode, attempt + 1, random);
    if (decision.action === 'reconnect') {
      if (decision.delayMs === 0) void connect();
      else scheduleReconnect(decision.delayMs, reason);
    } else if (decision.action === 'logged_out') {
      stopped = true;
      wipe();
      setPairing(null);
      setStatus({ state: 'logged_out', reason });
    } else {
      stopped = true;
      setStatus({ state: 'broken', reason: decision.reason });
    }
  };

  const openAuthOrStop = (): SqliteAuthState | undefined => {
    if (auth) return auth;
    try {
      auth = deps.openAuth();
      return auth;
    } catch (error) {
      // A damaged session affects this account only: it asks for a new QR, the others run on.
      deps.logger.error({ err: error }, 'stored WhatsApp session cannot be read');
      stopped = true;
      setStatus({ state: 'logged_out', reason: reasonCodes.authUnreadable });
      return undefined;
    }
  };

  const handleConnectionUpdate = (s: WhatsAppSocket, update: BaileysEventMap['connection.update']) => {
    if (socket !== s) return;
    if (update.qr && !pairing?.code) {
      qrCount += 1;
      setPairing({ accountId: deps.accountId, qr: update.qr, code: null, expiresAt: clock.now() + (qrCount === 1 ? FIRST_QR_MS : NEXT_QR_MS) });
      setStatus({ state: 'waiting_qr' });
    }
    if (update.connection === 'open') {
      attempt = 0;
      setPairing(null);
      const me = s.user;
      setStatus({ state: 'connected' });
      deps.onConnected(s);
      if (me?.id && deps.settings().appearOnline) void s.sendPresenceUpdate('available').catch(() => undefined);
    }
    if (update.reachoutTimeLock) deps.onReachOutLock?.(update.reachoutTimeLock);
    if (update.connection === 'close') handleClose(update.lastDisconnect?.error);
  };

  const handleCalls = (s: WhatsAppSocket, calls: BaileysEventMap['call']) => {
    const settings = deps.settings();
    if (!settings.rejectCalls) return;
    for (const call of calls) {
      if (call.status !== 'offer') continue;
      void (async () => {
        await s.rejectCall(call.id, call.from);
        if (settings.rejectCallReply && !call.isGroup) await s.sendMessage(call.from, { text: settings.rejectCallReply });
      })().catch((error: unknown) => deps.logger.warn({ err: error }, 'could not reject a call'));
    }
  };

  const lidResolver = (s: WhatsAppSocket): LidResolver => ({
    pnForLid: async (lid) => (await s.signalRepository.lidMapping.getPNForLID(lid)) ?? null,
  });

  async function connect(): Promise<void> {
    if (stopped) return;
    const mine = ++generation;
    detach();
    const opened = openAuthOrStop();
    if (!opened) return;
    setStatus({ state: isLinked(opened.state.creds) ? 'connecting' : 'waiting_qr', attempt: attempt || null });
    let url: string | undefined;
    try {
      url = await deps.resolveUrl?.();
    } catch (error) {
      if (stopped || mine !== generation) return;
      scheduleReconnect(decideDelay(), (error as Error).message);
      return;
    }
    if (stopped || mine !== generation) return;
    // The resolver never throws and answers from its cache in a reconnect storm; a bug there must not stop the account.
    const version = await deps.resolveVersion?.().catch(() => undefined);
    if (stopped || mine !== generation) return;
    const settings = deps.settings();
    qrCount = 0;
    const s = deps.socketFactory({
      auth: opened.state,
      getMessage: async (key) => deps.loadMessage(key),
      msgRetryCounterCache: retryCounterCache,
      mediaCache: mediaUploadCache,
      logger: deps.logger.child({ component: 'baileys' }),
      syncFullHistory: settings.history === 'all',
      markOnlineOnConnect: settings.appearOnline,
      // Groups ignored at the socket: their messages are never even decrypted.
      shouldIgnoreJid: (jid) => deps.settings().ignoreGroups && Boolean(isJidGroup(jid)),
      ...(url ? { waWebSocketUrl: url } : {}),
      ...(version ? { version } : {}),
    });
    socket = s;
    on(s, 'creds.update', (update) => {
      try {
        opened.saveCreds(update);
      } catch (error) {
        // Going on with keys we could not save would break the session later, silently:
        // stop now, say why, and let the person retry once there is room again.
        deps.logger.error({ err: error }, 'could not save the WhatsApp session');
        stopped = true;
        generation += 1;
        detach();
        setStatus({ state: 'broken', reason: reasonCodes.storageError });
      }
    });
    on(s, 'connection.update', (update) => handleConnectionUpdate(s, update));
    on(s, 'messages.upsert', ({ messages, type }) => {
      // Kept (on disk) before anything can fail: WhatsApp will not send it again.
      spool.add(messages, type);
      enqueue('messages.upsert', drainSpool);
    });
    on(s, 'messages.update', (updates) => enqueue('messages.update', () => deps.inbox.ingestUpdates(deps.accountId, updates)));
    on(s, 'chats.update', (updates) => enqueue('chats.update', () => deps.inbox.ingestChatUpdates(deps.accountId, updates)));
    on(s, 'message-receipt.update', (receipts) => enqueue('receipts', () => deps.inbox.ingestReceipts(deps.accountId, receipts)));
    on(s, 'messaging-history.set', (chunk) =>
      enqueue('history', () => {
        const stored = deps.inbox.ingestHistory(deps.accountId, chunk, { choice: deps.settings().history, now: clock.now() });
        history = { chats: history.chats + stored.chats, messages: history.messages + stored.messages };
        const percent = chunk.progress ?? null;
        deps.onHistory({ accountId: deps.accountId, ...history, percent, done: Boolean(chunk.isLatest) || percent === 100 });
      }),
    );
    on(s, 'contacts.upsert', (contacts) => enqueue('contacts', () => deps.inbox.ingestContacts(deps.accountId, contacts)));
    on(s, 'contacts.update', (contacts) => enqueue('contacts', () => deps.inbox.ingestContacts(deps.accountId, contacts)));
    on(s, 'lid-mapping.update', (mapping) => enqueue('lid mapping', () => deps.inbox.learnLidMapping(deps.accountId, [mapping])));
    on(s, 'call', (calls) => handleCalls(s, calls));
    on(s, 'message-capping.update', (info) => deps.onMessageCap?.(info));
  }

  const decideDelay = () => {
    const d = decideReconnect(undefined, attempt + 1, random);
    return d.action === 'reconnect' ? d.delayMs : 0;
  };

  const requireSocket = () => {
    if (!socket) throw new Error('not connected');
    return socket;
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      attempt = 0;
      // Messages received before a crash or a full disk, not stored yet.
      if (spool.pending().length > 0) enqueue('spooled messages', drainSpool);
      void connect();
    },
    /**
     * Stays off and says the number is not linked yet: at start-up nobody is looking at a QR, so
     * fetching them (or spinning without internet) helps no one. "Vincular" (`reconnectNow`) pairs.
     */
    waitForLink() {
      stopped = true;
      clearRetry();
      setStatus({ state: 'pairing_expired', reason: reasonCodes.notLinked });
    },
    /** Closes the socket and keeps the session (auth stays stored). */
    stop() {
      stopped = true;
      generation += 1;
      clearRetry();
      if (spoolRetry !== undefined) clock.clearTimeout(spoolRetry);
      spoolRetry = undefined;
      detach();
      setPairing(null);
      setStatus({ state: 'disconnected' });
    },
    /** Tries now: skips a back-off, or starts pairing again after an expiry or a log-out. */
    reconnectNow() {
      clearRetry();
      if (status.state === 'logged_out' && status.reason === reasonCodes.authUnreadable) wipe();
      stopped = false;
      attempt = 0;
      history = { chats: 0, messages: 0 };
      void connect();
    },
    /** Unlinks this device from the phone (when connected) and wipes the session either way. */
    async logout() {
      const live = status.state === 'connected' ? socket : undefined;
      stopped = true;
      clearRetry();
      if (live) await live.logout().catch((error: unknown) => deps.logger.warn({ err: error }, 'logout request failed'));
      detach();
      wipe();
      setPairing(null);
      setStatus({ state: 'logged_out' });
    },
    /** Link by phone number instead of QR; only while waiting for a QR. */
    async requestPairingCode(phoneDigits: string): Promise<PairingDto> {
      const s = requireSocket();
      const code = await s.requestPairingCode(phoneDigits);
      setPairing({ accountId: deps.accountId, qr: null, code, expiresAt: null });
      return pairing!;
    },
    /** Applies a changed setting to the live connection where WhatsApp allows it. */
    applySettings(changed: Partial<AccountSettings>) {
      const s = status.state === 'connected' ? socket : undefined;
      if (s && changed.appearOnline !== undefined) {
        void s.sendPresenceUpdate(changed.appearOnline ? 'available' : 'unavailable').catch(() => undefined);
      }
    },
    status: () => status,
    pairing: () => pairing,
    /** True while received messages wait in the spool because storing them failed. */
    storageFailing: () => storageFailing,
    /** The live socket, only while connected. */
    connectedSocket: () => (status.state === 'connected' ? socket : undefined),
    /** Resolves once everything the socket reported so far is in the store (tests, shutdown). */
    drained: () => queue,
  };
}

export type AccountSupervisor = ReturnType<typeof createAccountSupervisor>;

/** Answers Baileys' getMessage from a stored proto blob. */
export const decodeStoredProto = (blob: Buffer | null | undefined) => (blob ? proto.Message.decode(blob) : undefined);

/** Our own number, digits only, from the socket's user id ("521…:12@s.whatsapp.net"). */
export const phoneOfUser = (id: string | undefined) => (id ? jidNormalizedUser(id).split('@')[0]! : null);
