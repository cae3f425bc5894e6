// What the AI responder adds to each answer: a live customer message filed by the inbox ingest,
// the rules (handover words, limits, loop guard, spend cap), the conversation read from SQLite,
// the model call through the real openai SDK, the answer queued through the outbox and sent on a
// recording socket, stats written. Baseline measured in the same run: the bare SDK call (same
// prompt and tools) against the same local OpenAI-compatible server.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proto, type WAMessage } from '@whiskeysockets/baileys';
import pino from 'pino';
import { defaultAssistantSettings } from '../shared/contract';
import { saveAssistant } from '../electron/core/assistant/assistant-store';
import { callModel } from '../electron/core/assistant/model-client';
import { createResponder } from '../electron/core/assistant/responder';
import { openDatabase } from '../electron/core/db/open-database';
import { toOrm } from '../electron/core/db/orm';
import { createEventBus } from '../electron/core/events/event-bus';
import { createInboxIngest } from '../electron/core/inbox/inbox-ingest';
import { createOutbox } from '../electron/core/outbox/outbox';
import { createSecretBox } from '../electron/core/secrets/secret-box';
import { startFakeOpenAiServer } from '../electron/core/testing/fake-openai-server';
import { loadAverage, msSince, summarize } from './latency';

const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const WARMUP = 30;

const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-assistant-'));
const db = openDatabase(join(dir, 'bench.sqlite'));
const orm = toOrm(db);
const logger = pino({ level: 'silent' });
const bus = createEventBus();
const box = createSecretBox(randomBytes(32));
const accountId = 'bench';
db.prepare("INSERT INTO accounts (id, kind, label, color, phone, created_at) VALUES (?, 'practice', 'Bench', '#25a244', '5215500000000', 1)").run(accountId);

const server = await startFakeOpenAiServer({ fallback: () => ({ reply: ['El pan de muerto cuesta $45 la pieza.'] }) });
const settings = {
  ...defaultAssistantSettings,
  enabled: true,
  baseUrl: server.baseUrl,
  model: 'bench',
  knowledge: 'Pan de muerto: $45 la pieza\nConchas: $12\nHorario: lunes a sábado de 8 a 20 h\n'.repeat(10),
  limitAnswers: 100,
  monthlyCapUsd: null,
};
saveAssistant(orm, box, accountId, settings, 'sk-bench', Date.now());

let sent = 0;
const ingest = createInboxIngest({ orm, bus, logger });
const outbox = createOutbox({
  orm,
  bus,
  logger,
  dataDir: dir,
  socketFor: () => ({
    sendMessage: async (jid, _content, options) => {
      sent++;
      return proto.WebMessageInfo.fromObject({ key: { remoteJid: jid, fromMe: true, id: options?.messageId ?? 'x' }, messageTimestamp: Math.floor(Date.now() / 1000) }) as WAMessage;
    },
  }),
});
let sendThroughOutbox = true;
const responder = createResponder({
  orm,
  bus,
  box,
  logger,
  // The second run leaves the outbox out, to tell the responder's own cost from the outbox's.
  send: (chatId, text) => (sendThroughOutbox ? outbox.queueText({ chatId, text }) : sent++),
  debounceMs: 0,
  maxRetries: 0,
});

const turns = [
  { from: 'customer' as const, text: 'Hola' },
  { from: 'assistant' as const, text: '¡Hola! ¿En qué te ayudo?' },
  { from: 'customer' as const, text: '¿Cuánto cuesta el pan de muerto?' },
];

async function bare(n: number) {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const outcome = await callModel({ settings, apiKey: 'sk-bench', turns, timeoutMs: 10_000, maxRetries: 0 });
    if (outcome.kind !== 'reply') throw new Error(`unexpected ${outcome.kind}`);
    samples.push(msSince(t0));
  }
  return samples;
}

let customer = 0;
async function throughResponder(n: number) {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    // A new customer each time, with a short conversation before, so the per-chat limit and the loop guard never stop it.
    const jid = `52155${String(10_000_000 + customer++)}@s.whatsapp.net`;
    const message = (id: string, text: string, fromMe = false) =>
      proto.WebMessageInfo.fromObject({ key: { remoteJid: jid, fromMe, id }, message: { conversation: text }, messageTimestamp: Math.floor(Date.now() / 1000), pushName: 'Ana' }) as WAMessage;
    await ingest.ingestUpsert(accountId, [message(`H${customer}`, 'Hola'), message(`A${customer}`, '¡Hola! ¿En qué te ayudo?', true)], 'append');
    const before = sent;
    const t0 = process.hrtime.bigint();
    const added = await ingest.ingestUpsert(accountId, [message(`Q${customer}`, '¿Cuánto cuesta el pan de muerto?')], 'notify');
    responder.onUpsert(accountId, added, 'notify');
    while (sent === before) await new Promise((r) => setImmediate(r));
    samples.push(msSince(t0));
  }
  await responder.idle();
  await outbox.idle();
  return samples;
}

await bare(WARMUP);
await throughResponder(WARMUP);
const baseline = summarize(await bare(CALLS));
const responderRun = summarize(await throughResponder(CALLS));
sendThroughOutbox = false;
const withoutOutbox = summarize(await throughResponder(CALLS));

console.log(
  JSON.stringify({
    bench: 'assistant-responder',
    what: 'customer message filed → rules → SDK call → answer sent on the socket, vs the bare SDK call',
    calls: CALLS,
    baselineBareSdk: baseline,
    responder: responderRun,
    responderWithoutOutbox: withoutOutbox,
    overheadP50Ms: Number((responderRun.p50Ms - baseline.p50Ms).toFixed(3)),
    overheadWithoutOutboxP50Ms: Number((withoutOutbox.p50Ms - baseline.p50Ms).toFixed(3)),
    ratioP50: Number((responderRun.p50Ms / baseline.p50Ms).toFixed(2)),
    load: loadAverage(),
  }),
);

await responder.close();
await outbox.close();
await server.close();
db.close();
rmSync(dir, { recursive: true, force: true });
