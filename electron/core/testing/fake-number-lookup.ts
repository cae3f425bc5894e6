import { closedWith } from './fake-socket';

/** WhatsApp's "is this number on WhatsApp?" answers, scripted: which numbers exist, what was asked. */
export class FakeNumberLookup {
  /** Numbers (digits) that exist. */
  readonly users = new Set<string>();
  /** Numbers WhatsApp gives no answer for (it did not understand them). */
  readonly unanswered = new Set<string>();
  /** Every question asked, as the JIDs of one call. */
  readonly lookups: string[][] = [];
  /** When set, calls fail (a dropped connection) once this many questions were answered. */
  failAfter: number | undefined;

  onWhatsApp = async (...jids: string[]): Promise<{ jid: string; exists: boolean }[]> => {
    if (this.failAfter !== undefined && this.lookups.length >= this.failAfter) throw closedWith(428, 'Connection Closed');
    this.lookups.push(jids);
    return jids.flatMap((jid) => {
      const phone = jid.slice(0, jid.indexOf('@'));
      return this.unanswered.has(phone) ? [] : [{ jid, exists: this.users.has(phone) }];
    });
  };
}
