import type { WhatsAppSocket } from '../whatsapp/socket-factory';

const MAX_AVATAR_BYTES = 256 * 1024;

/**
 * The account's profile picture as a data: URL (small "preview" size). The renderer's CSP keeps
 * WhatsApp's CDN out, so the core fetches it once and stores it. null = no picture set;
 * undefined = could not tell (network), keep what we had.
 */
export async function fetchAvatarDataUrl(socket: WhatsAppSocket, jid: string, timeoutMs = 10_000): Promise<string | null | undefined> {
  const url = await socket.profilePictureUrl(jid, 'preview', timeoutMs);
  if (!url) return null;
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) return undefined;
  const type = response.headers.get('content-type') ?? 'image/jpeg';
  if (!type.startsWith('image/')) return undefined;
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_AVATAR_BYTES) return undefined;
  return `data:${type};base64,${bytes.toString('base64')}`;
}
