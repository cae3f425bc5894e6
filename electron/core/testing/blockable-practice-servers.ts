import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { PracticeServerFactory } from '../whatsapp/practice-server';
import { proxiedPracticeServers } from './cuttable-proxy';

/**
 * Practice servers behind a cuttable proxy whose address can be made unreachable: while blocked,
 * every reconnect lands on a port that hangs up at once, as an offline network would, so an
 * account stays disconnected until the test unblocks it. (Cutting alone reconnects in a second.)
 */
export async function blockablePracticeServers(options: { blocked?: boolean } = {}) {
  const { factory: proxied, proxies } = proxiedPracticeServers();
  const refuser: Server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => refuser.listen(0, '127.0.0.1', resolve));
  const deadUrl = `ws://127.0.0.1:${(refuser.address() as AddressInfo).port}/ws`;
  let blocked = options.blocked ?? false;

  const factory: PracticeServerFactory = async (serverOptions) => {
    const server = await proxied(serverOptions);
    return {
      ...server,
      // Read at every connect attempt.
      get wsUrl() {
        return blocked ? deadUrl : server.wsUrl;
      },
    };
  };

  return {
    factory,
    proxies,
    /** Drops live connections and refuses new ones. */
    block() {
      blocked = true;
      for (const proxy of proxies.values()) proxy.cut();
    },
    unblock() {
      blocked = false;
    },
    async close() {
      await new Promise<void>((resolve) => refuser.close(() => resolve()));
    },
  };
}
