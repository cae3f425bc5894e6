import { kindOf } from '../../../shared/message-kinds';

/**
 * Whether a message just stored brings its resolved or pending chat back to open, as Chatwoot does:
 * only when the workstation asks for it, only for something new the customer sent that WhatsApp
 * would count as unread (words, media, a missed call). A notice (a group event, a message still
 * being decrypted) and our own messages leave the status alone.
 */
export function reopensChat(m: { fromMe: boolean; type: string }, isNew: boolean, reopenOnCustomerMessage: boolean): boolean {
  return reopenOnCustomerMessage && isNew && !m.fromMe && kindOf(m.type).countsUnread;
}
