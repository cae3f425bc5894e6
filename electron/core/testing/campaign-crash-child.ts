/**
 * A workstation process for the crash test: it runs a campaign against practice accounts until it
 * finishes, unless the test kills it first (SIGKILL). Each run picks up from the database.
 * Prints one line per stage: "running" (every account connected, sending), then "finished".
 */
import type { AccountDto, CampaignDto } from '../../../shared/contract';
import { createCore } from '../create-core';
import type { PracticeServerFactory } from '../whatsapp/practice-server';
import { coreCaller } from './core-call';

const dataDir = process.env.CRASH_DATA_DIR!;
const dataKey = Buffer.from(process.env.CRASH_DATA_KEY!, 'hex');
const recipients = Number(process.env.CRASH_RECIPIENTS ?? 24);
const accountCount = Number(process.env.CRASH_ACCOUNTS ?? 3);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The practice servers live in the test process, like WhatsApp's servers they outlive the
 * workstation: what they recorded is what really went out, even when this process dies mid-write.
 */
const parentServers: PracticeServerFactory = ({ selfJid, recorderPath }) =>
  new Promise((resolve) => {
    const onReply = (reply: { selfJid?: string; wsUrl?: string }) => {
      if (reply.selfJid !== selfJid || !reply.wsUrl) return;
      process.off('message', onReply);
      resolve({
        wsUrl: reply.wsUrl,
        recorderPath,
        simulateInbound: () => Promise.reject(new Error('not used by the crash test')),
        close: async () => {},
      });
    };
    process.on('message', onReply);
    process.send!({ selfJid, recorderPath });
  });

const core = await createCore({
  dataDir,
  mode: 'headless',
  version: 'crash-test',
  dataKey,
  logLevel: process.env.TEST_LOG_LEVEL ?? 'warn',
  validateResponses: true,
  practiceServerFactory: parentServers,
});
const call = coreCaller(core);
const waitConnected = async (count: number) => {
  for (;;) {
    const accounts = await call<AccountDto[]>('accounts.list');
    if (accounts.length >= count && accounts.every((a) => a.state === 'connected')) return accounts;
    await sleep(100);
  }
};

let campaigns = await call<CampaignDto[]>('campaigns.list');
if (campaigns.length === 0) {
  for (let i = 0; i < accountCount; i += 1) await call('accounts.addPractice', { label: `Caja ${i + 1}` });
  const accounts = await waitConnected(accountCount);
  const csv = ['telefono,nombre', ...Array.from({ length: recipients }, (_, i) => `+52 55 2000 ${1000 + i},Cliente ${i + 1}`)].join('\n');
  const draftId = 'crash-test-draft';
  await call('campaigns.parseFile', { draftId, fileName: 'clientes.csv', dataBase64: Buffer.from(csv).toString('base64') });
  await call('campaigns.create', {
    name: 'Crash test',
    audience: { kind: 'file', draftId, phoneColumns: [0], variables: [{ column: 1, name: 'nombre' }] },
    template: '{Hola|Buenas} {{nombre}}',
    accountIds: accounts.map((a) => a.id),
    pacing: { minDelaySec: 2, maxDelaySec: 3, pauseEvery: 1000, pauseMinSec: 0, pauseMaxSec: 0, hourlyCap: 1000, dailyCap: 10_000, warmup: false, failureBrakePct: 100 },
    window: { timeZone: 'UTC', startMinute: 0, endMinute: 1440, weekdays: [0, 1, 2, 3, 4, 5, 6] },
  });
  campaigns = await call<CampaignDto[]>('campaigns.list');
}
// Killed only once every account is back: the test is about sends, not about WhatsApp handshakes.
await waitConnected(accountCount);
console.log('running');
for (;;) {
  const campaign = await call<CampaignDto>('campaigns.get', { id: campaigns[0]!.id });
  if (campaign.status === 'finished') break;
  if (campaign.accounts.some((a) => a.pausedReason)) console.log(`braked ${JSON.stringify(campaign.accounts)}`);
  await sleep(200);
}
await core.close();
console.log('finished');
process.exit(0);
