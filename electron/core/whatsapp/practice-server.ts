import { startWhatsAppServer } from '@openclaw/crabline';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A local fake WhatsApp server (crabline) that a real Baileys socket connects to, so a new user
 * can try the whole app without risking a real number. Loopback only; outbound messages are
 * recorded to a JSONL file.
 */
export interface PracticeServer {
  wsUrl: string;
  recorderPath: string;
  /** Makes a customer write to the practice number. */
  simulateInbound(input: { customerJid: string; customerName: string; text: string }): Promise<{ waId: string }>;
  close(): Promise<void>;
}

export type PracticeServerFactory = (options: { selfJid: string; recorderPath: string }) => Promise<PracticeServer>;

export const startPracticeServer: PracticeServerFactory = async ({ selfJid, recorderPath }) => {
  mkdirSync(dirname(recorderPath), { recursive: true });
  const server = await startWhatsAppServer({ selfJid, recorderPath, host: '127.0.0.1', port: 0 });
  const { endpoints, adminToken } = server.manifest;
  return {
    wsUrl: endpoints.baileysWebSocketUrl,
    recorderPath,
    async simulateInbound({ customerJid, customerName, text }) {
      const response = await fetch(endpoints.adminInboundUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-crabline-admin-token': adminToken },
        // Our own id: the server numbers its ids from 1 again after every restart, and a reused id
        // would be taken for a duplicate of an older message.
        body: JSON.stringify({
          chatJid: customerJid,
          senderJid: customerJid,
          text,
          pushName: customerName,
          messageId: `3A${randomBytes(9).toString('hex').toUpperCase()}`,
        }),
      });
      const body = (await response.json().catch(() => ({}))) as { message?: { key?: { id?: string } }; error?: unknown };
      const waId = body.message?.key?.id;
      if (!response.ok || !waId) throw new Error(`practice server refused the message (${response.status})`);
      return { waId };
    },
    close: () => server.close(),
  };
};
