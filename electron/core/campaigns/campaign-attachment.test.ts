import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDayWindow, campaignHarness, csvBase64, fastPacing, type CampaignHarness } from '../testing/campaign-harness';
import { openOutboxHarness } from '../testing/outbox-harness';
import { tempDir } from '../testing/temp-dir';

// A real 1×1 PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const image = { kind: 'image' as const, fileName: 'oferta.png', mime: 'image/png', dataBase64: png.toString('base64') };

async function launchWithFile(h: CampaignHarness, attachment: Parameters<CampaignHarness['service']['create']>[0]['attachment'], accountIds = h.accountIds) {
  await h.service.parseFile({ draftId: 'with-file', fileName: 'c.csv', dataBase64: csvBase64([['+52 55 1000 2000', 'Ana']]) });
  return h.service.create({
    name: 'Con imagen',
    audience: { kind: 'file', draftId: 'with-file', phoneColumns: [0], variables: [{ column: 1, name: 'nombre' }] },
    template: 'Hola {{nombre}}, mira la oferta',
    attachment,
    accountIds,
    pacing: fastPacing(),
    window: allDayWindow,
  });
}

const campaignFiles = (dataDir: string) => (existsSync(join(dataDir, 'media', 'campaigns')) ? readdirSync(join(dataDir, 'media', 'campaigns')) : []);

describe('campaign attachments', () => {
  it('keeps one copy of the file and sends it with each message, the personalised text as its caption', async () => {
    const h = campaignHarness({ accounts: ['acc-1'], dataDir: tempDir() });
    h.holdOutbox();
    const campaign = await launchWithFile(h, image);
    expect(campaign.attachment).toEqual({ kind: 'image', fileName: 'oferta.png', mime: 'image/png' });
    expect(campaignFiles(h.dataDir)).toEqual([`campaign-${campaign.id}.png`]);
    const stored = join(h.dataDir, 'media', 'campaigns', `campaign-${campaign.id}.png`);
    expect(readFileSync(stored)).toEqual(png);

    await h.advance(10_000);
    const message = h.db.prepare('SELECT type, text, media_path AS mediaPath, media_mime AS mime, media_size AS size, sent_by AS sentBy FROM messages').get();
    expect(message).toEqual({ type: 'imageMessage', text: 'Hola Ana, mira la oferta', mediaPath: `media/campaigns/campaign-${campaign.id}.png`, mime: 'image/png', size: png.length, sentBy: 'campaign' });

    // The real outbox sends what the campaign queued: the shared file by path, the text as caption.
    const t = openOutboxHarness({ db: { db: h.db, orm: h.orm }, dataDir: h.dataDir });
    t.connect();
    await t.outbox.idle();
    expect(t.sender.calls.map((c) => c.content)).toEqual([{ image: { url: stored }, mimetype: 'image/png', caption: 'Hola Ana, mira la oferta' }]);
  });

  it('sends documents with their name, and taking one message back leaves the shared file for the others', async () => {
    const h = campaignHarness({ accounts: ['acc-1'], dataDir: tempDir() });
    h.holdOutbox();
    const pdf = { kind: 'document' as const, fileName: 'catálogo.pdf', mime: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4 catálogo').toString('base64') };
    const campaign = await launchWithFile(h, pdf);
    await h.advance(10_000);
    const t = openOutboxHarness({ db: { db: h.db, orm: h.orm }, dataDir: h.dataDir });
    const messageId = h.db.prepare('SELECT id FROM messages').pluck().get() as number;
    expect(t.outbox.cancel(messageId)).toEqual({ cancelled: true });
    expect(campaignFiles(h.dataDir)).toEqual([`campaign-${campaign.id}.pdf`]);
  });

  it('refuses a file on practice accounts and a file that does not match its kind, creating nothing', async () => {
    const h = campaignHarness({ accounts: ['p1'], practice: ['p1'], dataDir: tempDir() });
    await expect(launchWithFile(h, image)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    const real = campaignHarness({ accounts: ['a1'], dataDir: tempDir() });
    await expect(launchWithFile(real, { ...image, mime: 'application/pdf' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(launchWithFile(real, { ...image, dataBase64: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    for (const rig of [h, real]) {
      expect(rig.db.prepare('SELECT count(*) FROM campaigns').pluck().get()).toBe(0);
      expect(campaignFiles(rig.dataDir)).toEqual([]);
    }
  });

  it('removes the stored file when the campaign cannot be written', async () => {
    const h = campaignHarness({ accounts: ['a1'], dataDir: tempDir() });
    // The database refuses the recipients (a trigger standing in for a full disk mid-transaction).
    h.db.exec("CREATE TRIGGER refuse BEFORE INSERT ON campaign_recipients BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    await expect(launchWithFile(h, image)).rejects.toThrow(/disk full/);
    expect(h.db.prepare('SELECT count(*) FROM campaigns').pluck().get()).toBe(0);
    expect(campaignFiles(h.dataDir)).toEqual([]);
  });
});
