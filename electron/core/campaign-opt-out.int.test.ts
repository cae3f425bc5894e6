import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, CampaignDto, CampaignRecipientDto } from '../../shared/contract';
import { createCore, type Core } from './create-core';
import { recordedOutboundTexts } from './testing/recorded-sends';
import { tempDir } from './testing/temp-dir';
import { waitFor } from './testing/wait-for';
import { coreCaller } from './testing/core-call';

const pacing = { minDelaySec: 2, maxDelaySec: 2, pauseEvery: 1000, pauseMinSec: 0, pauseMaxSec: 0, hourlyCap: 1000, dailyCap: 1000, warmup: false, failureBrakePct: 100 };
const window = { timeZone: 'UTC', startMinute: 0, endMinute: 1440, weekdays: [0, 1, 2, 3, 4, 5, 6] };

// Real Baileys against crabline: a customer answers a campaign with "No más" and is never messaged again.
describe('campaign opt-out over crabline', () => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
  });

  it('a reply with an opt-out word suppresses the number, confirms once, and the next campaign skips it', { timeout: 120_000 }, async () => {
    const dataDir = tempDir('mostrador-int-optout-');
    core = await createCore({ dataDir, mode: 'headless', version: 'test', dataKey: randomBytes(32), logLevel: process.env.TEST_LOG_LEVEL ?? 'warn', validateResponses: true });
    const call = coreCaller(core!);
    const account = await call<AccountDto>('accounts.addPractice', { label: 'Panadería' });
    await waitFor(async () => (await call<AccountDto[]>('accounts.list'))[0]?.state === 'connected', { what: 'connected', timeoutMs: 30_000 });
    const recorder = join(dataDir, 'practice', `${account.id}.jsonl`);
    const csv = Buffer.from('telefono;nombre\n+52 55 6000 1000;Ana\n+52 55 6000 1001;Luis\n').toString('base64');
    const launch = async (name: string) => {
      const draftId = `draft-${name}`;
      await call('campaigns.parseFile', { draftId, fileName: 'c.csv', dataBase64: csv });
      return call<CampaignDto>('campaigns.create', {
        name,
        audience: { kind: 'file', draftId, phoneColumns: [0], variables: [{ column: 1, name: 'nombre' }] },
        template: 'Hola {{nombre}}, hay pan dulce.',
        accountIds: [account.id],
        pacing,
        window,
      });
    };

    const first = await launch('Primera');
    await waitFor(async () => (await call<CampaignDto>('campaigns.get', { id: first.id })).status === 'finished', { what: 'first campaign sent', timeoutMs: 40_000 });
    expect(recordedOutboundTexts(recorder).filter((t) => t.startsWith('Hola Ana'))).toHaveLength(1);

    await call('practice.simulateInbound', { accountId: account.id, customerName: 'Ana', phone: '+52 55 6000 1000', text: '¡NO MÁS!' });
    await waitFor(() => recordedOutboundTexts(recorder).some((t) => t.includes('no te enviaremos')), { what: 'confirmation sent', timeoutMs: 20_000 });
    const recipients = await call<{ items: CampaignRecipientDto[] }>('campaigns.recipients', { id: first.id });
    expect(recipients.items.find((r) => r.phone === '525560001000')).toMatchObject({ state: 'replied', optedOutAt: expect.any(Number) });
    const report = await call<{ funnel: { optedOut: number; replied: number } }>('campaigns.report', { id: first.id });
    expect(report.funnel).toMatchObject({ optedOut: 1, replied: 1 });

    // Writing it again does not send a second confirmation.
    await call('practice.simulateInbound', { accountId: account.id, customerName: 'Ana', phone: '+52 55 6000 1000', text: 'baja' });
    const second = await launch('Segunda');
    expect(second.counts).toMatchObject({ pending: 1, skipped: 1 });
    await waitFor(async () => (await call<CampaignDto>('campaigns.get', { id: second.id })).status === 'finished', { what: 'second campaign sent', timeoutMs: 40_000 });
    // The server writes its recording a moment after our socket has its answer.
    await waitFor(() => recordedOutboundTexts(recorder).filter((t) => t.startsWith('Hola Luis')).length === 2, { what: 'second campaign recorded' });
    await new Promise((r) => setTimeout(r, 500));
    const texts = recordedOutboundTexts(recorder);
    expect(texts.filter((t) => t.startsWith('Hola Ana'))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('Hola Luis'))).toHaveLength(2);
    expect(texts.filter((t) => t.includes('no te enviaremos'))).toHaveLength(1);
  });
});
