import type { AccountDto } from '../../../shared/contract';

/**
 * Whether an account is being linked: waiting for its QR to be scanned, its QR expired unused,
 * or connecting before it ever had a number (an already linked number that is connecting is
 * simply reconnecting its session and needs no QR).
 */
export function isPairingState(account: Pick<AccountDto, 'kind' | 'state' | 'phone'>): boolean {
  if (account.kind !== 'whatsapp') return false;
  return account.state === 'waiting_qr' || account.state === 'pairing_expired' || (account.state === 'connecting' && account.phone === null);
}
