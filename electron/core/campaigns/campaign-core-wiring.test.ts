import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountDto, AudienceCheckDto, CampaignDto, EventBatch, WhatsAppCheckProgressDto } from '../../../shared/contract';
import { createCore } from '../create-core';
import { coreCaller } from '../testing/core-call';
import { fakeSocketFactory } from '../testing/fake-socket';
import { tempDir } from '../testing/temp-dir';
import { waitFor } from '../testing/wait-for';

const pacing = { minDelaySec: 2, maxDelaySec: 2, pauseEvery: 1000, pauseMinSec: 0, pauseMaxSec: 0, hourlyCap: 1000, dailyCap: 1000, warmup: false, failureBrakePct: 100 };
const window = { timeZone: 'UTC', startMinute: 0, endMinute: 1440, weekdays: [0, 1, 2, 3, 4, 5, 6] };
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

// The whole core over the contract, with a linked (scripted) real number: the WhatsApp check goes
// through that number's socket and the campaign's picture reaches its sendMessage.
describe('campaign files and the WhatsApp check wired in the core', () => {
  it('checks the numbers through the connected number, skips who is not on WhatsApp, and sends the picture with the caption', { timeout: 30_000 }, async () => {
    const dataDir = tempDir('mostrador-campaign-wiring-');
    const { factory, sockets } = fakeSocketFactory();
    const core = await createCore({ dataDir, mode: 'headless', version: 'test', dataKey: randomBytes(32), logLevel: 'silent', validateResponses: true, whatsappSocketFactory: factory });
    const batches: EventBatch[] = [];
    core.subscribe((b) => batches.push(b));
    const call = coreCaller(core);
    try {
      const account = await call<AccountDto>('accounts.addWhatsApp', { label: 'Panadería' });
      const socket = await waitFor(() => sockets[0], { what: 'socket' });
      socket.user = { id: '5215500000000:4@s.whatsapp.net', name: 'Panadería' };
      socket.ev.emit('connection.update', { connection: 'open' });
      await waitFor(async () => (await call<AccountDto[]>('accounts.list'))[0]?.state === 'connected', { what: 'connected' });
      socket.numbers.users.add('525560001000');
      socket.numbers.users.add('525560001001');

      const csv = Buffer.from('telefono;nombre\n+52 55 6000 1000;Ana\n+52 55 6000 1001;Luis\n+52 55 6000 1002;Nadie\n').toString('base64');
      await call('campaigns.parseFile', { draftId: 'draft-wiring', fileName: 'c.csv', dataBase64: csv });
      const audience = { kind: 'file', draftId: 'draft-wiring', phoneColumns: [0], variables: [{ column: 1, name: 'nombre' }] };
      const check = await call<AudienceCheckDto>('campaigns.checkAudience', { audience, accountIds: [account.id], checkWhatsApp: true });
      expect(check).toMatchObject({ valid: 2, notOnWhatsApp: 1, whatsAppUnknown: 0 });
      expect(socket.numbers.lookups).toEqual([['525560001000@s.whatsapp.net', '525560001001@s.whatsapp.net', '525560001002@s.whatsapp.net']]);
      await waitFor(() => batches.some((b) => b.topic === 'campaigns.whatsAppCheck' && (b.items as WhatsAppCheckProgressDto[]).some((p) => p.done && p.checked === 3)), { what: 'progress event' });

      const campaign = await call<CampaignDto>('campaigns.create', {
        name: 'Con foto',
        audience,
        template: 'Hola {{nombre}}, hay pan dulce.',
        attachment: { kind: 'image', fileName: 'pan.png', mime: 'image/png', dataBase64: png.toString('base64') },
        accountIds: [account.id],
        pacing,
        window,
        skipNotOnWhatsApp: true,
      });
      expect(campaign).toMatchObject({ attachment: { kind: 'image', fileName: 'pan.png', mime: 'image/png' }, counts: { total: 3, pending: 2, skipped: 1 } });
      await waitFor(() => socket.sent.length >= 2, { what: 'two sends', timeoutMs: 20_000 });
      const file = join(dataDir, 'media', 'campaigns', `campaign-${campaign.id}.png`);
      expect(socket.sent.map((s) => [s.jid, s.content])).toEqual([
        ['525560001000@s.whatsapp.net', { image: { url: file }, mimetype: 'image/png', caption: 'Hola Ana, hay pan dulce.' }],
        ['525560001001@s.whatsapp.net', { image: { url: file }, mimetype: 'image/png', caption: 'Hola Luis, hay pan dulce.' }],
      ]);
    } finally {
      await core.close();
    }
  });
});
