import type { MessageReceiptDto } from '../../../shared/contract';
import { displayPhone } from '../../ui/format';

/** WhatsApp's info screen: who read it (earliest first), then who only got it. */
export function splitReceipts(receipts: readonly MessageReceiptDto[]) {
  const byTime = (key: 'readAt' | 'deliveredAt') => (a: MessageReceiptDto, b: MessageReceiptDto) => (a[key] ?? 0) - (b[key] ?? 0);
  return {
    read: receipts.filter((r) => r.readAt !== null).sort(byTime('readAt')),
    deliveredOnly: receipts.filter((r) => r.readAt === null && r.deliveredAt !== null).sort(byTime('deliveredAt')),
  };
}

/** A member as the list names them: saved or chosen name, else the number, else the raw id. */
export const memberLabel = (r: MessageReceiptDto) => r.name ?? (r.phone ? displayPhone(r.phone) : r.memberJid.split('@')[0]!);
