import { describe, expect, it } from 'vitest';
import type { MessageReceiptDto } from '../../../shared/contract';
import { displayPhone } from '../../ui/format';
import { memberLabel, splitReceipts } from './message-receipts';

const receipt = (memberJid: string, deliveredAt: number | null, readAt: number | null, extra: Partial<MessageReceiptDto> = {}): MessageReceiptDto => ({
  memberJid,
  name: null,
  phone: null,
  deliveredAt,
  readAt,
  playedAt: null,
  ...extra,
});

describe('splitReceipts', () => {
  it('lists readers by when they read, then who only received it, by when they did', () => {
    const { read, deliveredOnly } = splitReceipts([
      receipt('a@s.whatsapp.net', 10, 50),
      receipt('b@s.whatsapp.net', 30, null),
      receipt('c@s.whatsapp.net', 20, 40),
      receipt('d@s.whatsapp.net', 15, null),
      receipt('e@s.whatsapp.net', null, null),
    ]);
    expect(read.map((r) => r.memberJid)).toEqual(['c@s.whatsapp.net', 'a@s.whatsapp.net']);
    expect(deliveredOnly.map((r) => r.memberJid)).toEqual(['d@s.whatsapp.net', 'b@s.whatsapp.net']);
  });
});

describe('memberLabel', () => {
  it('prefers the name, then the number, then the id WhatsApp gave', () => {
    expect(memberLabel(receipt('x@s.whatsapp.net', 1, null, { name: 'Ana', phone: '5215511110001' }))).toBe('Ana');
    expect(memberLabel(receipt('x@s.whatsapp.net', 1, null, { phone: '5215511110001' }))).toBe(displayPhone('5215511110001'));
    expect(memberLabel(receipt('200000000000002@lid', 1, null))).toBe('200000000000002');
  });
});
