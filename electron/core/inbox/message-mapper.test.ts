import { proto, type WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { customerJid, customerLid, waMessage } from '../testing/wa-messages';
import { isStatusUpgrade, mapWAMessage, statusFromAck, type MappedMessage } from './message-mapper';

const mapped = (result: ReturnType<typeof mapWAMessage>): MappedMessage => {
  if (result.kind !== 'message') throw new Error(`not a message: ${JSON.stringify(result)}`);
  return result.message;
};

describe('mapWAMessage', () => {
  it('maps a plain conversation to a text message from the customer', () => {
    const m = mapped(mapWAMessage(waMessage({ id: 'A1', remoteJid: customerJid, message: { conversation: 'Hola' }, pushName: 'Ana', seconds: 1_700_000_123 })));
    expect(m).toMatchObject({ waId: 'A1', chatJid: customerJid, fromMe: false, type: 'text', text: 'Hola', senderName: 'Ana', status: 'received', timestamp: 1_700_000_123_000 });
    expect(proto.Message.decode(m.proto!).conversation).toBe('Hola');
  });

  it('maps an extendedTextMessage to text', () => {
    const m = mapped(mapWAMessage(waMessage({ id: 'A2', remoteJid: customerJid, message: { extendedTextMessage: { text: 'mira https://example.com' } } })));
    expect(m).toMatchObject({ type: 'text', text: 'mira https://example.com' });
  });

  it('keeps an image as imageMessage with its caption as text', () => {
    const m = mapped(mapWAMessage(waMessage({ id: 'A3', remoteJid: customerJid, message: { imageMessage: { caption: 'Pan dulce', mimetype: 'image/jpeg' } } })));
    expect(m).toMatchObject({ type: 'imageMessage', text: 'Pan dulce' });
  });

  it('keeps a message stripped to messageContextInfo as unsupported instead of dropping it', () => {
    const m = mapped(mapWAMessage(waMessage({ id: 'A4', remoteJid: customerJid, message: { messageContextInfo: { messageSecret: Buffer.alloc(32, 9) } } })));
    expect(m).toMatchObject({ type: 'unsupported', text: null });
    expect(m.messageSecret?.equals(Buffer.alloc(32, 9))).toBe(true);
  });

  it('keeps content that protobuf cannot encode as unsupported instead of throwing', () => {
    const msg = waMessage({ id: 'A5', remoteJid: customerJid, message: { conversation: 'x' } });
    (msg.message as { conversation: unknown }).conversation = 42;
    expect(mapped(mapWAMessage(msg))).toMatchObject({ type: 'unsupported', text: null, proto: null });
  });

  it('reads the Long timestamps that decoded history messages carry', () => {
    const msg = proto.WebMessageInfo.decode(proto.WebMessageInfo.encode(waMessage({ id: 'A6', remoteJid: customerJid, seconds: 1_700_000_123 })).finish());
    expect(mapped(mapWAMessage(msg as WAMessage)).timestamp).toBe(1_700_000_123_000);
  });

  it('turns a REVOKE into a change of its target, seen from the chat it came in', () => {
    const result = mapWAMessage(waMessage({ id: 'C1', remoteJid: customerJid, message: { protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE, key: { id: 'A1' } } } }));
    expect(result).toEqual({
      kind: 'change',
      change: { kind: 'revoke', target: { waId: 'A1', chatJid: customerJid, chatJidAlt: null }, actor: { fromMe: false, jid: customerJid }, at: 1_700_000_000_000 },
    });
  });

  it('turns a reaction into a change of its target, ours when key.fromMe', () => {
    const result = mapWAMessage(waMessage({ id: 'C2', remoteJid: customerJid, fromMe: true, message: { reactionMessage: { key: { id: 'A1' }, text: '👍', senderTimestampMs: 1_700_000_000_500 } } }));
    expect(result).toMatchObject({ kind: 'change', change: { kind: 'reaction', emoji: '👍', actor: { fromMe: true, jid: null }, at: 1_700_000_000_500, target: { waId: 'A1' } } });
  });

  it.each([
    ['senderKeyDistributionMessage', { senderKeyDistributionMessage: { groupId: 'g', axolotlSenderKeyDistributionMessage: Buffer.alloc(4) } }],
    ['pinInChatMessage', { pinInChatMessage: { key: { id: 'A1' } } }],
    ['protocolMessage', { protocolMessage: { type: proto.Message.ProtocolMessage.Type.EPHEMERAL_SETTING, key: { id: 'A1' } } }],
  ] as const)('skips a %s that is never shown', (reason, message) => {
    expect(mapWAMessage(waMessage({ id: 'C3', remoteJid: customerJid, message }))).toEqual({ kind: 'skip', reason });
  });

  it('skips status broadcasts', () => {
    const result = mapWAMessage(waMessage({ id: 'S1', remoteJid: 'status@broadcast', participant: customerJid, message: { conversation: 'mi estado' } }));
    expect(result.kind).toBe('skip');
  });

  it('files a LID chat under the phone-number JID given as remoteJidAlt, keeping the LID as the alternative', () => {
    const m = mapped(
      mapWAMessage(waMessage({ id: 'L1', remoteJid: customerLid, remoteJidAlt: customerJid, addressingMode: 'lid', message: { conversation: 'hola' } })),
    );
    expect(m).toMatchObject({ chatJid: customerJid, chatJidAlt: customerLid, remoteJidAlt: customerJid, addressingMode: 'lid' });
  });

  it('keeps an unresolvable LID chat under its LID', () => {
    const m = mapped(mapWAMessage(waMessage({ id: 'L2', remoteJid: customerLid, message: { conversation: 'hola' } })));
    expect(m).toMatchObject({ chatJid: customerLid, chatJidAlt: null });
  });

  it('gives our own messages no sender and their ack as status', () => {
    const m = mapped(
      mapWAMessage(waMessage({ id: 'M1', remoteJid: customerJid, fromMe: true, message: { conversation: 'ya va' }, status: proto.WebMessageInfo.Status.DELIVERY_ACK })),
    );
    expect(m).toMatchObject({ fromMe: true, senderJid: null, senderName: null, status: 'delivered' });
  });
});

describe('message status', () => {
  it('maps WhatsApp acks to statuses', () => {
    expect(statusFromAck(proto.WebMessageInfo.Status.SERVER_ACK)).toBe('sent');
    expect(statusFromAck(proto.WebMessageInfo.Status.READ)).toBe('read');
    expect(statusFromAck(proto.WebMessageInfo.Status.ERROR)).toBe('failed');
    expect(statusFromAck(undefined)).toBeUndefined();
  });

  it('only moves forward, except to failed', () => {
    expect(isStatusUpgrade('sent', 'delivered')).toBe(true);
    expect(isStatusUpgrade('read', 'delivered')).toBe(false);
    expect(isStatusUpgrade('read', 'sent')).toBe(false);
    expect(isStatusUpgrade('sent', 'failed')).toBe(true);
  });
});
