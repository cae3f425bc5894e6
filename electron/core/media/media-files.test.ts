import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upsertChat } from '../inbox/chat-store';
import { tempDir } from '../testing/temp-dir';
import { addAccount, openTestDatabase } from '../testing/test-database';
import { dispositionFor, extensionFor, openMedia, resolveMediaPath } from './media-files';
import { contentDisposition, mediaIdFromPath, mediaResponse, parseByteRange } from './media-http';

function setup() {
  const { db, orm } = openTestDatabase();
  addAccount(db, 'acc-1');
  const chat = upsertChat(orm, 'acc-1', '5215512345678@s.whatsapp.net');
  const dataDir = tempDir('mostrador-open-media-');
  mkdirSync(join(dataDir, 'media', 'acc-1'), { recursive: true });
  let n = 0;
  const store = (path: string | null, state = 'ready', kind = 'image', mime = 'image/jpeg') =>
    (
      db
        .prepare(
          `INSERT INTO messages (account_id, chat_id, wa_id, from_me, type, timestamp, status, media_kind, media_mime, media_state, media_path, media_file_name)
           VALUES ('acc-1', ?, ?, 0, 'imageMessage', 1, 'received', ?, ?, ?, ?, 'foto.jpg') RETURNING id`,
        )
        .get(chat.id, `W${++n}`, kind, mime, state, path) as { id: number }
    ).id;
  return { orm, dataDir, store };
}

describe('openMedia', () => {
  it('opens a ready file under the media folder with its type, size and disposition', () => {
    const t = setup();
    writeFileSync(join(t.dataDir, 'media', 'acc-1', '1.jpg'), 'JPEG!');
    const id = t.store('media/acc-1/1.jpg');
    expect(openMedia(t.orm, t.dataDir, id)).toMatchObject({ mime: 'image/jpeg', size: 5, fileName: 'foto.jpg', disposition: 'inline' });
  });

  it('refuses unknown ids, files not ready and files gone from disk', () => {
    const t = setup();
    writeFileSync(join(t.dataDir, 'media', 'acc-1', '2.jpg'), 'x');
    expect(openMedia(t.orm, t.dataDir, 999)).toBeNull();
    expect(openMedia(t.orm, t.dataDir, -1)).toBeNull();
    expect(openMedia(t.orm, t.dataDir, Number.NaN)).toBeNull();
    expect(openMedia(t.orm, t.dataDir, t.store('media/acc-1/2.jpg', 'downloading'))).toBeNull();
    expect(openMedia(t.orm, t.dataDir, t.store(null))).toBeNull();
    expect(openMedia(t.orm, t.dataDir, t.store('media/acc-1/missing.jpg'))).toBeNull();
  });

  it('never opens a path outside <dataDir>/media, whatever the database says', () => {
    const t = setup();
    writeFileSync(join(t.dataDir, 'mostrador.sqlite'), 'secret');
    const outside = tempDir('mostrador-outside-');
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    symlinkSync(join(outside, 'secret.txt'), join(t.dataDir, 'media', 'acc-1', 'link.jpg'));
    for (const path of ['mostrador.sqlite', 'media/../mostrador.sqlite', '../secret.txt', join(outside, 'secret.txt'), 'media', 'media/acc-1/link.jpg', 'media/acc-1/\0x']) {
      expect(openMedia(t.orm, t.dataDir, t.store(path)), path).toBeNull();
    }
  });
});

describe('media paths and types', () => {
  it('resolves stored paths only inside the media folder', () => {
    expect(resolveMediaPath('/data', 'media/acc/1.jpg')).toBe(join('/data', 'media', 'acc', '1.jpg'));
    expect(resolveMediaPath('/data', 'media/../x')).toBeNull();
    expect(resolveMediaPath('/data', '/etc/passwd')).toBeNull();
    expect(resolveMediaPath('/data', 'media')).toBeNull();
  });

  it('names files by MIME type, else by the original extension', () => {
    expect(extensionFor('image/jpeg')).toBe('jpg');
    expect(extensionFor('audio/ogg; codecs=opus')).toBe('ogg');
    expect(extensionFor('application/x-unknown', 'planos.DWG')).toBe('dwg');
    expect(extensionFor(null, 'nota.<script>')).toBe('bin');
    expect(extensionFor(undefined, 'sin-extension')).toBe('bin');
  });

  it('shows pictures, audio and video inline and downloads everything else', () => {
    expect(dispositionFor('image', 'image/jpeg')).toBe('inline');
    expect(dispositionFor('voice', 'audio/ogg; codecs=opus')).toBe('inline');
    expect(dispositionFor('sticker', 'image/webp')).toBe('inline');
    expect(dispositionFor('document', 'image/png')).toBe('attachment');
    expect(dispositionFor('image', 'image/svg+xml')).toBe('attachment');
    expect(dispositionFor('image', 'text/html')).toBe('attachment');
    expect(dispositionFor('video', null)).toBe('attachment');
  });
});

describe('media over HTTP', () => {
  it('reads the id of /media/<id> only', () => {
    expect(mediaIdFromPath('/media/42')).toBe(42);
    for (const path of ['/media/', '/media/0', '/media/042', '/media/4.2', '/media/42/x', '/media/-1', '/media/99999999999999999', '/other/42']) {
      expect(mediaIdFromPath(path), path).toBeNull();
    }
  });

  it('understands one byte range and ignores what it does not', () => {
    expect(parseByteRange('bytes=0-99', 1000)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseByteRange('bytes=900-', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseByteRange('bytes=-100', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseByteRange('bytes=0-5000', 1000)).toEqual({ kind: 'partial', start: 0, end: 999 });
    expect(parseByteRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=5-2', 1000)).toEqual({ kind: 'unsatisfiable' });
    for (const header of [undefined, '', 'bytes=0-1,5-6', 'items=0-1', 'bytes=-', 'bytes=a-b']) {
      expect(parseByteRange(header, 1000), String(header)).toEqual({ kind: 'full' });
    }
  });

  it('names downloads safely, in ASCII and UTF-8', () => {
    expect(contentDisposition({ disposition: 'inline', fileName: null })).toBe('inline');
    expect(contentDisposition({ disposition: 'attachment', fileName: 'a"b\\c\r\n.pdf' })).toBe(`attachment; filename="a_b_c__.pdf"; filename*=UTF-8''a%22b%5Cc%0D%0A.pdf`);
  });

  it('answers a range with 206 and its Content-Range', () => {
    const file = { path: '/x', mime: 'video/mp4', size: 10, fileName: null, disposition: 'inline' as const };
    expect(mediaResponse(file, 'bytes=2-3')).toMatchObject({ status: 206, range: { start: 2, end: 3 }, headers: { 'content-range': 'bytes 2-3/10', 'content-length': '2' } });
    expect(mediaResponse(file, null)).toMatchObject({ status: 200, range: null, headers: { 'content-length': '10', 'content-type': 'video/mp4' } });
    expect(mediaResponse(file, 'bytes=20-')).toMatchObject({ status: 416, headers: { 'content-range': 'bytes */10' } });
  });
});
