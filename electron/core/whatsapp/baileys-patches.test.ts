import {
  aesDecryptGCM,
  aesEncryptGCM,
  Curve,
  decodeBinaryNode,
  downloadMediaMessage,
  encodeBinaryNode,
  encryptedStream,
  getBinaryNodeChild,
  hkdf,
  initAuthCreds,
  NOISE_MODE,
  NOISE_WA_HEADER,
  proto,
  sha256,
  type AuthenticationCreds,
  type BinaryNode,
  type WAMessage,
} from '@whiskeysockets/baileys';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { silentLogger } from '../testing/silent-logger';
import { corpusCases } from '../testing/corpus/corpus-cases';
import { recordCase } from '../testing/corpus/record-case';
import { waitFor } from '../testing/wait-for';
import { baileysSocketFactory, createMediaUploadCache, createRetryCounterCache, type WhatsAppSocket } from './socket-factory';

/**
 * The patches in patches/@whiskeysockets+baileys+7.0.0-rc14.patch, each checked through Baileys'
 * own code: a real socket (made by our socket factory, so with our browser label) talks Noise to
 * a small local WhatsApp stand-in, and media goes through the real downloadMediaMessage.
 * Each test fails on unpatched rc14 (`npx patch-package --reverse`).
 */

// WhatsApp's real Noise certificate chain, as @openclaw/crabline records it: Baileys checks its
// signatures against WhatsApp's root key, and nothing ties it to the server's static key.
const CERT_CHAIN = Buffer.from('CncKMwjjAhADGiCRKg7Kg1iu4CSulwLBaxX51Tefw6VXGgZqcr5OEbXIRiDQ04bOBijQjZ/TBhJA34Bj82jAHhLpCWBNVBlGnFDieamd8+138S57uMt9ke9mrn5r4+VepwBPKEgHjob6bR70rlCmWDkxZv+CfVjIAxJ2CjIIAxAAGiAcUamsMDmUxsjQuS6hh4pTNHZZnMWZ++o1mX2aqQzOYiCAka6+Bij/3rfcBhJAJw8pRkhTn+1IcOJQVN1OlZg6uikYnCumyO7acFVVX3U3QPXsGSq2TCbCbWrebSC593Su43EgprIDlfU8ZgWFBw==', 'base64');

const frame = (data: Uint8Array) => {
  const out = Buffer.alloc(3 + data.length);
  out.writeUIntBE(data.length, 0, 3);
  out.set(data, 3);
  return out;
};
const nonce = (n: number) => {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(n, 8);
  return iv;
};

/** The server half of WhatsApp's Noise XX handshake, then binary nodes both ways. */
function serveOne(ws: WebSocket, onNode: (node: BinaryNode) => void) {
  // Noise's running hash, chaining key and cipher key; NOISE_MODE is 32 bytes, so it is the first hash.
  let hash: Uint8Array = Buffer.from(NOISE_MODE);
  let salt = hash;
  let key = hash;
  let counter = 0;
  const mixHash = (data: Uint8Array) => (hash = sha256(Buffer.concat([hash, data])));
  const mixKey = (data: Uint8Array) => {
    const out = hkdf(Buffer.from(data), 64, { salt, info: '' });
    [salt, key, counter] = [Buffer.from(out.subarray(0, 32)), Buffer.from(out.subarray(32)), 0];
  };
  const seal = (plain: Uint8Array) => {
    const cipher = aesEncryptGCM(plain, key, nonce(counter++), hash);
    mixHash(cipher);
    return cipher;
  };
  const open = (cipher: Uint8Array) => {
    const plain = aesDecryptGCM(cipher, key, nonce(counter++), hash);
    mixHash(cipher);
    return plain;
  };
  const ephemeral = Curve.generateKeyPair();
  const serverStatic = Curve.generateKeyPair();
  let transport: { write: Buffer; read: Buffer; sent: number; got: number } | undefined;
  let stage: 'hello' | 'finish' | 'open' = 'hello';
  let pending = Buffer.alloc(0);
  mixHash(NOISE_WA_HEADER);

  ws.on('message', async (data: Buffer) => {
    pending = Buffer.concat([pending, stage === 'hello' && pending.length === 0 ? data.subarray(NOISE_WA_HEADER.length) : data]);
    while (pending.length >= 3 && pending.length >= 3 + pending.readUIntBE(0, 3)) {
      const body = pending.subarray(3, 3 + pending.readUIntBE(0, 3));
      pending = pending.subarray(3 + body.length);
      if (stage === 'hello') {
        const { clientHello } = proto.HandshakeMessage.decode(body);
        mixHash(clientHello!.ephemeral!);
        mixHash(ephemeral.public);
        mixKey(Curve.sharedKey(ephemeral.private, clientHello!.ephemeral!));
        const staticSealed = seal(serverStatic.public);
        mixKey(Curve.sharedKey(serverStatic.private, clientHello!.ephemeral!));
        const payload = seal(CERT_CHAIN);
        ws.send(frame(proto.HandshakeMessage.encode({ serverHello: { ephemeral: ephemeral.public, static: staticSealed, payload } }).finish()));
        stage = 'finish';
      } else if (stage === 'finish') {
        const { clientFinish } = proto.HandshakeMessage.decode(body);
        mixKey(Curve.sharedKey(ephemeral.private, open(clientFinish!.static!)));
        open(clientFinish!.payload!);
        const out = hkdf(Buffer.alloc(0), 64, { salt, info: '' });
        // The client writes with the first half and reads with the second.
        transport = { read: Buffer.from(out.subarray(0, 32)), write: Buffer.from(out.subarray(32)), sent: 0, got: 0 };
        stage = 'open';
        ws.emit('noise-open');
      } else {
        const plain = aesDecryptGCM(body, transport!.read, nonce(transport!.got++), Buffer.alloc(0));
        onNode(await decodeBinaryNode(plain));
      }
    }
  });
  return (node: BinaryNode) => {
    const sealed = aesEncryptGCM(encodeBinaryNode(node), transport!.write, nonce(transport!.sent++), Buffer.alloc(0));
    ws.send(frame(sealed));
  };
}

interface FakeWhatsApp {
  url: string;
  received: BinaryNode[];
  send: (node: BinaryNode) => void;
  opened: Promise<void>;
  close: () => Promise<void>;
}

async function startFakeWhatsApp(answer: (node: BinaryNode) => BinaryNode | undefined = () => undefined): Promise<FakeWhatsApp> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  const received: BinaryNode[] = [];
  let send: (node: BinaryNode) => void = () => {
    throw new Error('no client yet');
  };
  const opened = new Promise<void>((resolve) => {
    wss.on('connection', (ws) => {
      const reply = serveOne(ws, (node) => {
        received.push(node);
        const response = answer(node);
        if (response) reply(response);
      });
      send = reply;
      ws.once('noise-open', () => resolve());
    });
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws/chat`,
    received,
    send: (node) => send(node),
    opened,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A brand-new (unpaired) account's socket, exactly as the app builds it, on the stand-in. */
async function unpairedSocket(server: FakeWhatsApp) {
  const creds: AuthenticationCreds = initAuthCreds();
  const saved: Partial<AuthenticationCreds>[] = [];
  const qrs: string[] = [];
  const socket: WhatsAppSocket = baileysSocketFactory({
    auth: { creds, keys: { get: async () => ({}), set: async () => undefined } },
    getMessage: async () => undefined,
    msgRetryCounterCache: createRetryCounterCache(),
    mediaCache: createMediaUploadCache(),
    logger: silentLogger(),
    syncFullHistory: true,
    markOnlineOnConnect: false,
    shouldIgnoreJid: () => false,
    waWebSocketUrl: server.url,
  });
  cleanups.push(() => socket.end(undefined));
  socket.ev.on('creds.update', (update) => saved.push(update));
  socket.ev.on('connection.update', ({ qr }) => qr && qrs.push(qr));
  await server.opened;
  // What WhatsApp sends an unpaired companion first: the refs its QR codes carry.
  server.send({
    tag: 'iq',
    attrs: { from: 's.whatsapp.net', type: 'set', id: 'pair-1' },
    content: [{ tag: 'pair-device', attrs: {}, content: ['REF-ONE', 'REF-TWO'].map((ref) => ({ tag: 'ref', attrs: {}, content: Buffer.from(ref) })) }],
  });
  await waitFor(() => qrs.length === 1, { what: 'the first QR' });
  return { socket, creds, saved, qrs };
}

// ref, noise key, identity key, adv secret, platform
const qrParts = (qr: string) => qr.split('#')[1]!.split(',');

describe('Baileys rc14 patches', () => {
  it('companion_reg_refresh: redraws the same QR with a new adv secret, saved before the scan (#2737)', async () => {
    const server = await startFakeWhatsApp();
    cleanups.push(server.close);
    const { creds, saved, qrs } = await unpairedSocket(server);
    const before = qrParts(qrs[0]!);
    server.send({
      tag: 'notification',
      attrs: { from: 's.whatsapp.net', type: 'companion_reg_refresh', id: 'refresh-1', t: '1700000000' },
      content: [{ tag: 'companion_reg_refresh', attrs: {} }],
    });
    await waitFor(() => qrs.length === 2, { what: 'a redrawn QR', timeoutMs: 2_000 });
    const after = qrParts(qrs[1]!);
    expect(after[0]).toBe(before[0]); // same ref: the refresh retires the secret, not the ref
    expect(after[3]).not.toBe(before[3]);
    expect(after[3]).toBe(creds.advSecretKey);
    expect(saved).toContainEqual({ advSecretKey: after[3] });
    // Acked as WhatsApp expects (Baileys acks every notification).
    await waitFor(() => server.received.some((n) => n.tag === 'ack' && n.attrs.id === 'refresh-1'), { what: 'the ack', timeoutMs: 2_000 });
  });

  it('pairing by code announces a web browser WhatsApp accepts, though QR linking says "Desktop" (#2559, #2769)', async () => {
    const server = await startFakeWhatsApp((node) => {
      if (!getBinaryNodeChild(node, 'link_code_companion_reg')) return undefined;
      return { tag: 'iq', attrs: { from: 's.whatsapp.net', type: 'result', id: node.attrs.id! } };
    });
    cleanups.push(server.close);
    const { socket, qrs } = await unpairedSocket(server);
    expect(qrParts(qrs[0]!)[4]).toBe('7'); // the QR keeps the Desktop (Electron) identity: full history
    const code = await socket.requestPairingCode('34612345678');
    expect(code).toHaveLength(8);
    const hello = await waitFor(() => server.received.map((n) => getBinaryNodeChild(n, 'link_code_companion_reg')).find(Boolean), { what: 'companion_hello', timeoutMs: 2_000 });
    const text = (tag: string) => Buffer.from(getBinaryNodeChild(hello, tag)!.content as Uint8Array).toString();
    expect(text('companion_platform_id')).toBe('1'); // Chrome
    expect(text('companion_platform_display')).toBe('Chrome (Mac OS)');
  });

  it('a pairing code WhatsApp refuses is an error, not a dead code shown to the person (#2559)', async () => {
    const server = await startFakeWhatsApp((node) => {
      if (!getBinaryNodeChild(node, 'link_code_companion_reg')) return undefined;
      return {
        tag: 'iq',
        attrs: { from: 's.whatsapp.net', type: 'error', id: node.attrs.id! },
        content: [{ tag: 'error', attrs: { code: '400', text: 'bad-request' } }],
      };
    });
    cleanups.push(server.close);
    const { socket } = await unpairedSocket(server);
    await expect(socket.requestPairingCode('34612345678')).rejects.toThrow('bad-request');
  });

  it('an expired file (CDN 410) asks the phone to upload it again, then downloads the new copy (#2767)', async () => {
    const plain = Buffer.from('la foto del pedido');
    const encrypted = await encryptedStream(plain, 'image', { logger: silentLogger() });
    cleanups.push(() => rm(encrypted.encFilePath, { force: true }));
    const http: Server = createServer((req, res) => {
      if (req.url === '/fresh') createReadStream(encrypted.encFilePath).pipe(res);
      else res.writeHead(410).end();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => http.close(resolve)));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const message = {
      key: { remoteJid: '5215512345678@s.whatsapp.net', fromMe: false, id: 'OLD1' },
      message: { imageMessage: { url: `${base}/expired`, mediaKey: encrypted.mediaKey, mimetype: 'image/jpeg' } },
    } as WAMessage;
    const reuploads: WAMessage[] = [];
    const file = await downloadMediaMessage(message, 'buffer', {}, {
      logger: silentLogger(),
      reuploadRequest: async (m) => {
        reuploads.push(m);
        return { ...m, message: { imageMessage: { ...m.message!.imageMessage, url: `${base}/fresh` } } };
      },
    });
    expect(reuploads).toHaveLength(1);
    expect(Buffer.from(file).toString()).toBe('la foto del pedido');
  });

  it("history's LID ↔ phone pairs survive Baileys' event buffer, so a LID chat lands in the customer's phone chat", async () => {
    const recorded = await recordCase(corpusCases.find((c) => c.name === 'history-with-lid-mappings')!);
    const history = recorded.batches.find((b) => b['messaging-history.set'])?.['messaging-history.set'];
    expect(history?.chats.map((c) => c.id)).toEqual(['200000000000023@lid']);
    expect(history?.lidPnMappings).toEqual([{ lid: '200000000000023@lid', pn: '5215560000023@s.whatsapp.net' }]);
  });
});
