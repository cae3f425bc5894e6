import { fileTypeFromFile } from 'file-type';

const family = (mime: string) => mime.split('/')[0];

/**
 * The type a downloaded file is stored under. A picture, video or voice note is shown in the page
 * only when its bytes are one (file-type reads the magic numbers): a "photo" whose sender typed it
 * image/png but which holds HTML or a script is kept as a plain download instead.
 */
export async function trustedMime(path: string, declared: string | null, kind: string): Promise<string | null> {
  if (!['image', 'video', 'audio', 'voice', 'sticker'].includes(kind)) return declared;
  const sniffed = await fileTypeFromFile(path).catch(() => undefined);
  if (sniffed && declared && family(sniffed.mime) === family(declared)) return declared;
  // The bytes say it is a media type after all (a sender's wrong label): keep what they say.
  if (sniffed && /^(image|audio|video)\//.test(sniffed.mime) && sniffed.mime !== 'image/svg+xml') return sniffed.mime;
  return 'application/octet-stream';
}
