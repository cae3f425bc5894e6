import { jidNormalizedUser, proto, type BaileysEventMap, type WAMessageKey } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { AccountState } from '../../../shared/contract';
import type { InboxIngest } from '../inbox/inbox-ingest';
import type { SqliteAuthState } from './auth-state';
import { decideReconnect } from './reconnect-policy';
import { createRetryCounterCache, type SocketFactory, type WhatsAppSocket } from './socket-factory';

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

export interface SupervisorDeps {
  accountId: string;
  auth: SqliteAuthState;
  socketFactory: SocketFactory;
  ingest: InboxIngest;
  /** Answers Baileys' getMessage (retries) from the store. */
  loadMessage: (key: WAMessageKey) => proto.IMessage | undefined;
  onStatus: (status: RuntimeStatus) => void;
  onProfile: (profile: { phone: string | null; pushName: string | null }) => void;
  /** Where to connect; practice accounts answer their local server's URL. */
  resolveUrl?: () => Promise<string | undefined>;
  logger: Logger;
  clock?: Clock;
  random?: () => number;
}

type Listener = [keyof BaileysEventMap, (arg: never) => void];

/**
 * Keeps exactly one Baileys socket per account alive and applies the reconnect policy.
 * Every socket's listeners are removed before the next one is made, so old sockets cannot
 * write into the store after they are replaced.
 */
export function createAccountSupervisor(deps: SupervisorDeps) {
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const retryCounterCache = createRetryCounterCache();
  let socket: WhatsAppSocket | undefined;
  let listeners: Listener[] = [];
  let retryTimer: unknown;
  let attempt = 0;
  let stopped = true;
  // Bumped by every connect(): only the latest one may make a socket once its URL is resolved.
  let generation = 0;
  let status: RuntimeStatus = { state: 'disconnected', attempt: null, nextRetryAt: null, reason: null };

  const setStatus = (next: Partial<RuntimeStatus> & { state: AccountState }) => {
    status = { attempt: null, nextRetryAt: null, reason: null, ...next };
    deps.onStatus(status);
  };

  const detach = () => {
    if (!socket) return;
    for (const [event, fn] of listeners) socket.ev.off(event, fn as never);
    listeners = [];
    const old = socket;
    socket = undefined;
    try {
      old.end(undefined);
    } catch (error) {
      deps.logger.debug({ err: error }, 'closing an old socket failed');
    }
  };

  const on = <E extends keyof BaileysEventMap>(s: WhatsAppSocket, event: E, fn: (arg: BaileysEventMap[E]) => void) => {
    s.ev.on(event, fn);
    listeners.push([event, fn as (arg: never) => void]);
  };

  const scheduleReconnect = (delayMs: number, reason: string | null) => {
    attempt += 1;
    setStatus({ state: 'reconnecting', attempt, nextRetryAt: clock.now() + delayMs, reason });
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delayMs);
  };

  const handleClose = (error: Error | undefined) => {
    const statusCode = (error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
    detach();
    if (stopped) return;
    const decision = decideReconnect(statusCode, attempt + 1, random);
    const reason = error?.message ?? null;
    deps.logger.info({ accountId: deps.accountId, statusCode, decision }, 'socket closed');
    if (decision.action === 'reconnect') {
      if (decision.delayMs === 0) {
        void connect();
      } else {
        scheduleReconnect(decision.delayMs, reason);
      }
    } else if (decision.action === 'logged_out') {
      stopped = true;
      deps.auth.wipe();
      setStatus({ state: 'logged_out', reason });
    } else {
      stopped = true;
      setStatus({ state: 'broken', reason: decision.reason });
    }
  };

  async function connect(): Promise<void> {
    if (stopped) return;
    const mine = ++generation;
    detach();
    setStatus({ state: 'connecting', attempt: attempt || null });
    let url: string | undefined;
    try {
      url = await deps.resolveUrl?.();
    } catch (error) {
      if (stopped || mine !== generation) return;
      scheduleReconnect(decideDelay(), (error as Error).message);
      return;
    }
    if (stopped || mine !== generation) return;
    const s = deps.socketFactory({
      auth: deps.auth.state,
      getMessage: async (key) => deps.loadMessage(key),
      msgRetryCounterCache: retryCounterCache,
      logger: deps.logger.child({ component: 'baileys' }),
      ...(url ? { waWebSocketUrl: url } : {}),
    });
    socket = s;
    on(s, 'creds.update', (update) => deps.auth.saveCreds(update));
    on(s, 'connection.update', (update) => {
      if (socket !== s) return;
      if (update.qr) setStatus({ state: 'waiting_qr' });
      if (update.connection === 'open') {
        attempt = 0;
        const me = s.user;
        deps.onProfile({ phone: me?.id ? jidNormalizedUser(me.id).split('@')[0]! : null, pushName: me?.name ?? null });
        setStatus({ state: 'connected' });
      }
      if (update.connection === 'close') handleClose(update.lastDisconnect?.error);
    });
    on(s, 'messages.upsert', ({ messages, type }) => {
      deps.ingest.ingestUpsert(deps.accountId, messages, type);
    });
    on(s, 'messages.update', (updates) => deps.ingest.ingestUpdates(deps.accountId, updates));
  }

  const decideDelay = () => {
    const d = decideReconnect(undefined, attempt + 1, random);
    return d.action === 'reconnect' ? d.delayMs : 0;
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      attempt = 0;
      void connect();
    },
    /** Closes the socket and keeps the session (auth stays stored). */
    stop() {
      stopped = true;
      if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
      retryTimer = undefined;
      detach();
      setStatus({ state: 'disconnected' });
    },
    /** Skips a pending back-off and tries now. */
    reconnectNow() {
      if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
      retryTimer = undefined;
      stopped = false;
      void connect();
    },
    status: () => status,
    /** The live socket, only while connected. */
    connectedSocket: () => (status.state === 'connected' ? socket : undefined),
  };
}

export type AccountSupervisor = ReturnType<typeof createAccountSupervisor>;

/** Answers Baileys' getMessage from a stored proto blob. */
export const decodeStoredProto = (blob: Buffer | null | undefined) => (blob ? proto.Message.decode(blob) : undefined);
