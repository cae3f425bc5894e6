import type { DestinationStream } from 'pino';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventBatch } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { createAccountManager } from './accounts/account-manager';
import { lockDataDir } from './data-dir-lock';
import { makeDataDirPrivate, PRIVATE_FILE_MODE } from './data-dir-permissions';
import { openDatabase } from './db/open-database';
import { toOrm } from './db/orm';
import { startInboxCountsPublisher } from './agent-tools/inbox-counts';
import { createResponder, type Responder } from './assistant/responder';
import { getAccountRow } from './accounts/account-store';
import { createCampaignRunner, type CampaignRunner } from './campaigns/campaign-runner';
import { createCampaignService } from './campaigns/campaign-service';
import { tapBusForCampaigns, tapUpdatesForReachOut } from './campaigns/campaign-wiring';
import { createWhatsAppCheck } from './campaigns/whatsapp-check';
import { createEventBus } from './events/event-bus';
import { createInboxIngest } from './inbox/inbox-ingest';
import { createLogger } from './logger';
import { baileysMediaFetcher, reuploadOf } from './media/baileys-media';
import { createMediaDownloader, type MediaFetcher } from './media/media-downloader';
import { openMedia, type MediaFile } from './media/media-files';
import { createOutbox } from './outbox/outbox';
import { createObservability, type HealthReport } from './observability/observability';
import { createSecretBox } from './secrets/secret-box';
import { createResponseTracker, startResponseTracking } from './stats/response-tracker';
import { createDispatcher } from './services/dispatcher';
import { createSyncEngine, type SyncTimings } from './sync/sync-engine';
import { createHandlers } from './services/handlers';
import { startPracticeServer, type PracticeServerFactory } from './whatsapp/practice-server';
import { systemClock } from './whatsapp/account-supervisor';
import { baileysSocketFactory, type SocketFactory } from './whatsapp/socket-factory';

export interface CoreOptions {
  /** Folder holding the SQLite file, media and practice-server recordings. */
  dataDir: string;
  mode: 'electron' | 'headless';
  version: string;
  /** 32-byte key that encrypts secrets at rest (from safeStorage in Electron, a 0600 file headless). */
  dataKey: Buffer;
  /** pino level; defaults to 'info'. */
  logLevel?: string;
  /** Where log lines go (stdout by default); tests read them. */
  logDestination?: DestinationStream;
  /** Checks every response against the contract (on in development and tests). */
  validateResponses?: boolean;
  /** Test seams: real Baileys and crabline by default. */
  socketFactory?: SocketFactory;
  /** Sockets for real numbers only (the browser test scripts a QR with it). */
  whatsappSocketFactory?: SocketFactory;
  practiceServerFactory?: PracticeServerFactory;
  /** Media downloads; WhatsApp's CDN through Baileys by default. */
  mediaFetcher?: MediaFetcher;
  /** The assistant's model call timeout and burst wait (tests shorten them). */
  assistantTimeoutMs?: number;
  assistantDebounceMs?: number;
  /** The central server sync's batch window, pull interval and backoff (tests shorten them). */
  syncTimings?: Partial<SyncTimings>;
}

export interface Core {
  /** Parses the request with zod, runs the handler, answers a Result. Never throws. */
  dispatch(method: string, payload: unknown): Promise<Result<unknown>>;
  /** Event batches, coalesced per topic (~50 ms, latest item per id). Returns unsubscribe. */
  subscribe(listener: (batch: EventBatch) => void): () => void;
  /**
   * The file of a message (`/media/<id>` in both shells), when it is downloaded and inside the
   * data folder; null otherwise.
   */
  openMedia(messageId: number): MediaFile | null;
  /** Browser mode's `/health`: accounts and their states, the database, the version; no secrets. */
  health(): HealthReport;
  /** Browser mode's `/metrics`, in Prometheus' text format. */
  metrics(): Promise<{ contentType: string; body: string }>;
  /** Flushes writes, closes WhatsApp sockets and practice servers, closes the database. */
  close(): Promise<void>;
}

export const databasePath = (dataDir: string) => join(dataDir, 'mostrador.sqlite');

/** The composition root of the product: one per workstation process. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const logger = createLogger(options.logLevel ?? 'info', options.logDestination);
  makeDataDirPrivate(options.dataDir, logger);
  const unlock = await lockDataDir(options.dataDir, (error) => logger.error({ err: error }, 'lost the data folder lock'));
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(databasePath(options.dataDir));
    // A new database is created under the process umask; the shells narrow it, a test or an embedder may not.
    for (const suffix of ['', '-wal', '-shm']) {
      const path = databasePath(options.dataDir) + suffix;
      if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
    }
  } catch (error) {
    await unlock();
    throw error;
  }
  const orm = toOrm(db);
  // Built after the outbox it hands messages to; the bus and the inbox reach it through this.
  const campaignRef: { runner?: CampaignRunner } = {};
  const bus = tapBusForCampaigns(createEventBus(), orm, () => campaignRef.runner);
  const inboxCounts = startInboxCountsPublisher({ orm, bus });
  const box = createSecretBox(options.dataKey);
  const ingest = createInboxIngest({ orm, bus, logger });
  const accounts = createAccountManager({
    orm,
    box,
    bus,
    // Live messages (never history) that carry a file are downloaded as they arrive.
    inbox: {
      ...ingest,
      ingestUpsert: async (...args: Parameters<typeof ingest.ingestUpsert>) => {
        const added = await ingest.ingestUpsert(...args);
        for (const message of added) media.consider(message.id);
        // Live customer messages (and our own from the phone) reach the assistant; history never does.
        // 'append' is what WhatsApp queued while we were away: as live as 'notify', only later.
        responder.onUpsert(args[0], added, args[2]);
        // Replies and opt-outs (history never counts as an answer to a campaign).
        for (const message of added) campaignRef.runner?.onInbound(message);
        return added;
      },
      ingestUpdates: tapUpdatesForReachOut(ingest.ingestUpdates, {
        orm,
        refused: (accountId, firstContact) => accounts.reachOutRefused(accountId, firstContact),
        runner: () => campaignRef.runner,
      }),
    },
    logger,
    dataDir: options.dataDir,
    socketFactory: options.socketFactory ?? baileysSocketFactory,
    ...(options.whatsappSocketFactory ? { whatsappSocketFactory: options.whatsappSocketFactory } : {}),
    practiceServerFactory: options.practiceServerFactory ?? startPracticeServer,
  });
  // Sockets are only asked for once accounts start (below), so each side may name the other.
  const media = createMediaDownloader({
    orm,
    bus,
    logger: logger.child({ component: 'media' }),
    dataDir: options.dataDir,
    fetchMedia: options.mediaFetcher ?? baileysMediaFetcher(logger.child({ component: 'media-download' })),
    reuploadFor: (accountId) => reuploadOf(accounts.connectedSocket(accountId)),
  });
  const outbox = createOutbox({
    orm,
    bus,
    logger: logger.child({ component: 'outbox' }),
    dataDir: options.dataDir,
    socketFor: (accountId) => accounts.connectedSocket(accountId),
  });
  accounts.onAccountConnected((accountId) => outbox.kick(accountId));
  // Changes for the central server are recorded as the core announces them (off until enrolled).
  const sync = createSyncEngine({
    orm,
    bus,
    box,
    logger: logger.child({ component: 'sync' }),
    listAccounts: () => accounts.list(),
    ...(options.syncTimings ? { timings: options.syncTimings } : {}),
  });
  const untapSync = bus.tap(sync.onEvent);
  const responseTracker = createResponseTracker(orm);
  const responder: Responder = createResponder({
    orm,
    bus,
    box,
    logger: logger.child({ component: 'assistant' }),
    send: (chatId, text) => outbox.queueText({ chatId, text, sentBy: 'assistant' }),
    presence: (accountId, jid, state) => {
      void accounts
        .connectedSocket(accountId)
        ?.sendPresenceUpdate(state, jid)
        .catch(() => undefined);
    },
    ...(options.assistantTimeoutMs !== undefined ? { timeoutMs: options.assistantTimeoutMs } : {}),
    ...(options.assistantDebounceMs !== undefined ? { debounceMs: options.assistantDebounceMs } : {}),
  });
  accounts.onAccountConnected((accountId) => responder.resume(accountId));
  // An agent writing from the app takes the chat from the assistant; the assistant's own answers use the bare outbox.
  const agentOutbox: typeof outbox = {
    ...outbox,
    queueText: (request) => {
      const sent = outbox.queueText(request);
      responder.agentWrote(request.chatId);
      return sent;
    },
    queueMedia: async (request) => {
      const sent = await outbox.queueMedia(request);
      responder.agentWrote(request.chatId);
      return sent;
    },
  };
  const whatsAppCheck = createWhatsAppCheck({
    orm,
    clock: systemClock,
    logger: logger.child({ component: 'whatsapp-check' }),
    socketFor: (accountId) => accounts.connectedSocket(accountId),
    isPractice: (accountId) => getAccountRow(orm, accountId)?.kind === 'practice',
    onProgress: (progress) => bus.emit('campaigns.whatsAppCheck', progress),
  });
  const campaigns = createCampaignService({
    orm,
    bus,
    logger: logger.child({ component: 'campaigns' }),
    clock: systemClock,
    runner: () => campaignRunner,
    dataDir: options.dataDir,
    whatsAppCheck,
  });
  const campaignRunner = createCampaignRunner({
    orm,
    bus,
    logger: logger.child({ component: 'campaign-runner' }),
    clock: systemClock,
    random: Math.random,
    socketFor: (accountId) => accounts.connectedSocket(accountId),
    pairedAt: (accountId) => getAccountRow(orm, accountId)?.createdAt ?? 0,
    kickOutbox: (accountId) => outbox.kick(accountId),
    reply: (chatId, text) => void outbox.queueText({ chatId, text, sentBy: 'campaign' }),
    onCampaignChanged: campaigns.campaignChanged,
  });
  campaignRef.runner = campaignRunner;
  campaignRunner.reconcile();
  accounts.onAccountConnected((accountId, socket) => {
    // WhatsApp's server acknowledges each message it accepted; only then is a campaign send certain.
    const ws = (socket as { ws?: { on(event: string, listener: (node: { attrs?: Record<string, string> }) => void): void } }).ws;
    ws?.on('CB:ack,class:message', (node) => {
      const id = node.attrs?.id;
      if (id && !node.attrs?.error) campaignRunner.onServerAck(accountId, id);
    });
    campaignRunner.step(accountId);
  });
  const dispatch = createDispatcher(
    createHandlers({
      orm,
      bus,
      accounts,
      ingest,
      outbox: agentOutbox,
      media,
      responseTracker,
      assistant: responder,
      box,
      campaigns,
      sync,
      dataDir: options.dataDir,
      info: { version: options.version, mode: options.mode, dataDir: options.dataDir },
    }),
    { validateResponses: options.validateResponses ?? process.env.NODE_ENV !== 'production', logger },
  );
  accounts.startAll();
  outbox.start();
  media.resume();
  sync.start();
  const responseTracking = startResponseTracking(responseTracker);
  const observability = createObservability({
    orm,
    listAccounts: () => accounts.list(),
    responseTracker,
    databasePath: databasePath(options.dataDir),
    version: options.version,
    mode: options.mode,
  });

  let closing: Promise<void> | undefined;
  return {
    dispatch,
    subscribe: bus.subscribe,
    openMedia: (messageId) => openMedia(orm, options.dataDir, messageId),
    health: observability.health,
    metrics: observability.metrics,
    close() {
      closing ??= (async () => {
        // A send in flight finishes (or stays `sending` for the next start) while its socket is still open.
        // An answer being prepared is queued whole (or not at all) before the outbox stops.
        await responder.close();
        campaignRunner.stop();
        campaigns.stop();
        await Promise.all([outbox.close(), media.close()]);
        await accounts.close();
        await sync.close();
        untapSync();
        inboxCounts.stop();
        responseTracking.stop();
        bus.flush();
        // Fold the WAL back into the main file so a copy of the .sqlite alone is complete.
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
        await unlock();
      })();
      return closing;
    },
  };
}
