import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startPracticeServer, type PracticeServer, type PracticeServerFactory } from '../whatsapp/practice-server';

/**
 * A TCP proxy on 127.0.0.1 between a client and a server that a test can cut, as a network
 * drop would: both ends are destroyed at once, no WebSocket close frame is sent. It also counts
 * connections, so a test can check a client never holds two at a time.
 */
export interface CuttableProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  rewrite(url: string): string;
  /** A connection is open from accept until both of its ends have closed. */
  stats(): { open: number; maxOpen: number; accepted: number };
  /** Destroys every live connection. */
  cut(): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(target: { host: string; port: number }): Promise<CuttableProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let maxOpen = 0;
  let accepted = 0;
  const server = createServer((client) => {
    accepted += 1;
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    maxOpen = Math.max(maxOpen, pairs.size);
    let closedEnds = 0;
    const onClose = () => {
      closedEnds += 1;
      if (closedEnds === 2) pairs.delete(pair);
    };
    // One end failing takes the other down with it, like a dropped link.
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      from.once('close', onClose);
      from.on('error', () => to.destroy());
      from.on('end', () => to.end());
      from.pipe(to, { end: false });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const cut = () => {
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
  };
  return {
    port,
    rewrite(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    stats: () => ({ open: pairs.size, maxOpen, accepted }),
    cut,
    close() {
      cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Real practice servers (crabline) reached through a cuttable proxy each, so a test can drop
 * an account's connection at the network level. `proxies` holds them by the account's self JID.
 */
export function proxiedPracticeServers(base: PracticeServerFactory = startPracticeServer) {
  const proxies = new Map<string, CuttableProxy>();
  const factory: PracticeServerFactory = async (options) => {
    const server = await base(options);
    const target = new URL(server.wsUrl);
    const proxy = await startCuttableProxy({ host: target.hostname, port: Number(target.port) });
    proxies.set(options.selfJid, proxy);
    const proxied: PracticeServer = {
      ...server,
      wsUrl: proxy.rewrite(server.wsUrl),
      async close() {
        await proxy.close();
        await server.close();
      },
    };
    return proxied;
  };
  return { factory, proxies };
}
