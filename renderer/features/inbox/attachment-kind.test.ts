import { MAX_MEDIA_BASE64 } from '../../../shared/contract';
import { describe, expect, it } from 'vitest';
import { classifyFile, fitsSizeLimit, formatFileSize, MAX_FILE_BYTES, shortenFileName } from './attachment-kind';

const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe('picked and dropped files', () => {
  it('sends photos as images, audio as audio, video as video and anything else as a document', () => {
    expect(classifyFile(file('foto.png', 'image/png'))).toMatchObject({ ok: true, kind: 'image', mime: 'image/png' });
    expect(classifyFile(file('foto.JPG', 'image/jpeg'))).toMatchObject({ ok: true, kind: 'image' });
    expect(classifyFile(file('nota.ogg', 'audio/ogg'))).toMatchObject({ ok: true, kind: 'audio' });
    expect(classifyFile(file('clip.mp4', 'video/mp4'))).toMatchObject({ ok: true, kind: 'video' });
    expect(classifyFile(file('lista.pdf', 'application/pdf'))).toMatchObject({ ok: true, kind: 'document' });
    // WhatsApp cannot show these inline: they travel as documents.
    expect(classifyFile(file('logo.svg', 'image/svg+xml'))).toMatchObject({ ok: true, kind: 'document' });
  });

  it('sends a file the browser could not type as a generic document', () => {
    expect(classifyFile(file('datos.xyz', ''))).toEqual({ ok: true, kind: 'document', mime: 'application/octet-stream', fileName: 'datos.xyz' });
  });

  it('refuses files over 16 MB and empty files', () => {
    expect(classifyFile(file('video.mp4', 'video/mp4', MAX_FILE_BYTES + 1))).toEqual({ ok: false, reason: 'tooLarge' });
    expect(classifyFile(file('vacío.txt', 'text/plain', 0))).toEqual({ ok: false, reason: 'empty' });
    expect(classifyFile(file('justo.mp4', 'video/mp4', 15 * 1024 * 1024))).toMatchObject({ ok: true });
  });

  it('accepts exactly what the contract accepts as base64, up to 16 MiB', () => {
    for (const size of [MAX_FILE_BYTES - 3, MAX_FILE_BYTES - 2, MAX_FILE_BYTES - 1, MAX_FILE_BYTES, MAX_FILE_BYTES + 1]) {
      expect(fitsSizeLimit(size), String(size)).toBe(4 * Math.ceil(size / 3) <= MAX_MEDIA_BASE64 && size <= MAX_FILE_BYTES);
    }
    expect(fitsSizeLimit(MAX_FILE_BYTES)).toBe(true);
    expect(fitsSizeLimit(MAX_FILE_BYTES + 1)).toBe(false);
  });

  it('shortens long names to 255 characters and keeps the extension', () => {
    const long = `${'a'.repeat(300)}.pdf`;
    const short = shortenFileName(long);
    expect(short).toHaveLength(255);
    expect(short.endsWith('.pdf')).toBe(true);
  });

  it('shows sizes the way people read them', () => {
    expect(formatFileSize(512, 'en')).toBe('512 B');
    expect(formatFileSize(1_500_000, 'en')).toBe('1.5 MB');
    expect(formatFileSize(1_500_000, 'es')).toBe('1,5 MB');
    expect(formatFileSize(34_000, 'en')).toBe('34 KB');
  });
});
