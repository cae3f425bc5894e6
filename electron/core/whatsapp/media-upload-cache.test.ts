import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareWAMessageMedia } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir';
import { createMediaUploadCache } from './socket-factory';

describe('the media upload cache a socket gets', () => {
  it('makes Baileys upload a shared file once, each message keeping its own caption', async () => {
    const file = join(tempDir(), 'campaign-1.pdf');
    writeFileSync(file, '%PDF-1.4 catálogo de temporada');
    const uploads: string[] = [];
    const options = {
      mediaCache: createMediaUploadCache(),
      upload: async (encFilePath: string) => {
        uploads.push(encFilePath);
        return { mediaUrl: `https://mmg.example/${uploads.length}`, directPath: `/v/t62/${uploads.length}` };
      },
    };
    const send = (caption: string) => prepareWAMessageMedia({ document: { url: file }, mimetype: 'application/pdf', fileName: 'catálogo.pdf', caption }, options);

    const first = await send('Hola Ana');
    const second = await send('Hola Luis');
    expect(uploads).toHaveLength(1);
    expect(second.documentMessage).toMatchObject({ caption: 'Hola Luis', fileName: 'catálogo.pdf', directPath: '/v/t62/1' });
    expect(first.documentMessage?.caption).toBe('Hola Ana');
    expect(Buffer.from(second.documentMessage!.mediaKey!)).toEqual(Buffer.from(first.documentMessage!.mediaKey!));

    // Without the cache (what the socket had before), every message uploads the file again.
    await prepareWAMessageMedia({ document: { url: file }, mimetype: 'application/pdf', caption: 'x' }, { upload: options.upload });
    expect(uploads).toHaveLength(2);
  });
});
