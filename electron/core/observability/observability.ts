import { statSync } from 'node:fs';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { AccountDto, AccountState } from '../../../shared/contract';
import type { Orm } from '../db/orm';
import { prepared } from '../db/prepared';
import type { ResponseTracker } from '../stats/response-tracker';
import { liveFigures } from '../stats/stats-store';

export interface HealthReport {
  status: 'ok' | 'failing';
  version: string;
  mode: 'electron' | 'headless';
  uptimeSeconds: number;
  database: { ok: boolean; sizeBytes: number; error?: string };
  /** Ids, kinds and states only: no labels (the owner's names for the numbers), phone numbers, customers' names, keys or tokens. */
  accounts: { id: string; kind: AccountDto['kind']; state: AccountState }[];
  outboxWaiting: number;
}

interface ObservabilityDeps {
  orm: Orm;
  listAccounts: () => AccountDto[];
  responseTracker: ResponseTracker;
  databasePath: string;
  version: string;
  mode: 'electron' | 'headless';
}

const fileSize = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

/** `/health` (JSON) and `/metrics` (Prometheus text) for browser mode, read from the core's own state. */
export function createObservability(deps: ObservabilityDeps) {
  const startedAt = Date.now();
  const databaseBytes = () => fileSize(deps.databasePath) + fileSize(`${deps.databasePath}-wal`);

  const health = (): HealthReport => {
    const accounts = deps.listAccounts().map(({ id, kind, state }) => ({ id, kind, state }));
    const base = { version: deps.version, mode: deps.mode, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), accounts };
    try {
      const { outboxWaiting } = liveFigures(deps.orm);
      return { status: 'ok', ...base, database: { ok: true, sizeBytes: databaseBytes() }, outboxWaiting };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'failing', ...base, database: { ok: false, sizeBytes: databaseBytes(), error: message }, outboxWaiting: 0 };
    }
  };

  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mostrador_' });
  const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        collect(this);
      },
    });
  gauge('mostrador_account_state', 'WhatsApp accounts by state (1 for the state each account is in).', ['account', 'state'], (g) => {
    // Ids only, as in /health: scrapes often end up on someone else's monitoring service.
    for (const a of deps.listAccounts()) g.set({ account: a.id, state: a.state }, 1);
  });
  gauge('mostrador_messages_stored', 'Messages in the local store, by direction.', ['direction'], (g) => {
    const totals = prepared(deps.orm.$client, 'SELECT coalesce(sum(received), 0) AS received, coalesce(sum(sent), 0) AS sent FROM stats_hourly').get() as {
      received: number;
      sent: number;
    };
    g.set({ direction: 'received' }, totals.received);
    g.set({ direction: 'sent' }, totals.sent);
  });
  // Read once per scrape (in metrics()), not once per gauge.
  let live: ReturnType<typeof liveFigures> | undefined;
  gauge('mostrador_outbox_waiting', 'Messages waiting in the outbox to be sent.', [], (g) => g.set(live!.outboxWaiting));
  gauge('mostrador_campaigns_running', 'Campaigns sending now.', [], (g) => g.set(live!.campaignsRunning));
  gauge('mostrador_last_received_timestamp_seconds', 'When the newest customer message arrived.', [], (g) => {
    const last = live!.lastReceivedAt;
    if (last !== null) g.set(last / 1000);
  });
  gauge('mostrador_stats_pending_conversations', 'Conversations whose response times are still being computed.', [], (g) => g.set(deps.responseTracker.pending()));
  gauge('mostrador_database_size_bytes', 'Size of the SQLite file and its write-ahead log.', [], (g) => g.set(databaseBytes()));

  return {
    health,
    async metrics(): Promise<{ contentType: string; body: string }> {
      live = liveFigures(deps.orm);
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

export type Observability = ReturnType<typeof createObservability>;
