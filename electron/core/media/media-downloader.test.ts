import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMediaHarness } from '../testing/media-harness';
import { openMedia } from './media-files';

const bytes = Buffer.from('JPEG!');
/** The first bytes of a real Ogg Opus voice note and a real 1×1 PNG: what file-type recognises. */
const oggOpus = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(24), Buffer.from('OpusHead'), Buffer.alloc(20)]);
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

async function* brokenStream() {
  yield Buffer.from('half a fi');
  throw new Error('bad decrypt');
}

describe('media downloader', () => {
  it('downloads a live message’s file into the data folder and tells the renderer at each step', async () => {
    const t = openMediaHarness();
    const id = t.receive();
    t.answer(async () => bytes);
    t.downloader.consider(id);
    expect(t.row(id).state).toBe('downloading');
    expect(t.emitted('messages.upserted').at(-1)?.media?.state).toBe('downloading');
    await t.downloader.idle();

    expect(t.row(id)).toMatchObject({ state: 'ready', path: `media/acc-1/${id}.jpg`, size: bytes.length, error: null });
    expect(readFileSync(join(t.dataDir, 'media', 'acc-1', `${id}.jpg`))).toEqual(bytes);
    expect(t.emitted('messages.upserted').at(-1)?.media).toMatchObject({ state: 'ready', url: `/media/${id}` });
    // Baileys gets the stored proto and key.
    expect(t.fetches[0]?.key).toMatchObject({ remoteJid: t.chat.jid, id: 'MEDIA1', fromMe: false });
    expect(t.fetches[0]?.message?.imageMessage?.mimetype).toBe('image/jpeg');
    // Already there: a second look does nothing.
    t.downloader.consider(id);
    await t.downloader.idle();
    expect(t.fetches).toHaveLength(1);
  });

  it('tries three times with growing pauses before it succeeds', async () => {
    const t = openMediaHarness();
    const id = t.receive();
    t.answer(
      async () => {
        throw new Error('ETIMEDOUT');
      },
      async () => {
        throw new Error('socket hang up');
      },
      async () => bytes,
    );
    t.downloader.consider(id);
    await t.downloader.idle();
    expect(t.fetches).toHaveLength(3);
    expect(t.sleeps).toEqual([2_000, 8_000]);
    expect(t.row(id).state).toBe('ready');
  });

  it('marks a file that cannot be decrypted failed, leaves no partial file, and downloads it again on request', async () => {
    const t = openMediaHarness();
    const id = t.receive();
    t.answer(async () => brokenStream(), async () => brokenStream(), async () => brokenStream());
    t.downloader.consider(id);
    await t.downloader.idle();
    expect(t.row(id)).toMatchObject({ state: 'failed', error: 'bad decrypt', path: null });
    expect(t.emitted('messages.upserted').at(-1)?.media).toMatchObject({ state: 'failed', url: null });
    expect(readdirSync(join(t.dataDir, 'media', 'acc-1'))).toEqual([]);

    t.answer(async () => bytes);
    const retried = t.downloader.retry(id);
    expect(retried.media?.state).toBe('downloading');
    await t.downloader.idle();
    expect(t.row(id)).toMatchObject({ state: 'ready', error: null });
  });

  it('leaves files over 16 MB for the person to ask for', async () => {
    const t = openMediaHarness();
    const id = t.receive({ kind: 'document', size: 40 * 1024 * 1024, fileName: 'catálogo.pdf' });
    t.downloader.consider(id);
    await t.downloader.idle();
    expect(t.fetches).toEqual([]);
    expect(t.row(id).state).toBe('none');

    t.answer(async () => bytes);
    t.downloader.retry(id);
    await t.downloader.idle();
    expect(t.row(id)).toMatchObject({ state: 'ready', path: `media/acc-1/${id}.pdf` });
  });

  it('reads kind, type and size from the proto when the columns are empty', async () => {
    const t = openMediaHarness();
    const id = t.receive({ kind: 'audio', bare: true });
    t.answer(async () => oggOpus);
    t.downloader.consider(id);
    await t.downloader.idle();
    expect(t.row(id)).toMatchObject({ state: 'ready', kind: 'voice', mime: 'audio/ogg; codecs=opus', path: `media/acc-1/${id}.ogg` });
  });

  it('starts again the downloads a shutdown interrupted', async () => {
    const t = openMediaHarness();
    const id = t.receive();
    t.db.prepare("UPDATE messages SET media_state = 'downloading' WHERE id = ?").run(id);
    t.answer(async () => bytes);
    t.downloader.resume();
    await t.downloader.idle();
    expect(t.row(id).state).toBe('ready');
  });

  it('refuses to download what is not a file, and an unknown message', () => {
    const t = openMediaHarness();
    const text = t.db
      .prepare("INSERT INTO messages (account_id, chat_id, wa_id, from_me, type, text, timestamp, status) VALUES (?, ?, 'T1', 0, 'text', 'hola', 1, 'received') RETURNING id")
      .get(t.accountId, t.chat.id) as { id: number };
    expect(() => t.downloader.retry(text.id)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    expect(() => t.downloader.retry(999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('after close() nothing is written: an interrupted download stays `downloading` for the next start', async () => {
    const t = openMediaHarness({ deps: { closeTimeoutMs: 20 } });
    const id = t.receive();
    let release!: () => void;
    t.answer(() => new Promise((resolve) => (release = () => resolve(bytes))));
    t.downloader.consider(id);
    await t.downloader.close();
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(t.row(id).state).toBe('downloading');
    expect(existsSync(join(t.dataDir, 'media', 'acc-1', `${id}.jpg`))).toBe(false);
  });

  it('shows a "photo" in the page only when its bytes are one: HTML sent as image/jpeg is a plain download', async () => {
    const t = openMediaHarness();
    const real = t.receive();
    const fake = t.receive();
    t.answer(async () => png);
    t.answer(async () => Buffer.from('<html><script>alert(1)</script></html>'));
    t.downloader.consider(real);
    await t.downloader.idle();
    t.downloader.consider(fake);
    await t.downloader.idle();
    expect(t.row(real)).toMatchObject({ state: 'ready', mime: 'image/jpeg' });
    expect(openMedia(t.orm, t.dataDir, real)).toMatchObject({ disposition: 'inline', mime: 'image/jpeg' });
    expect(t.row(fake)).toMatchObject({ state: 'ready', mime: 'application/octet-stream' });
    expect(openMedia(t.orm, t.dataDir, fake)).toMatchObject({ disposition: 'attachment', mime: 'application/octet-stream' });
  });
});
