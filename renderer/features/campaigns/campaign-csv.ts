import type { CampaignExportDto } from '../../../shared/contract';
import { toCsv } from '../stats/csv-export';
import { recipientStateKey } from './campaign-status';

/** "2026-12-04 09:30" in the computer's own time: what a spreadsheet reads as a date and time. */
export function localStamp(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export interface CsvWords {
  headers: { phone: string; name: string; account: string; state: string; reason: string; variant: string; queuedAt: string; repliedAt: string; optedOutAt: string };
  state: (key: ReturnType<typeof recipientStateKey>) => string;
  reason: (reason: string) => string;
  account: (accountId: string | null) => string;
  variant: (variant: string) => string;
}

/** The recipients' CSV as the Stats export writes it: translated headers and states, local time, `;` and a BOM in Spanish. */
export function campaignCsv(data: CampaignExportDto, words: CsvWords, language: string): string {
  const h = words.headers;
  return toCsv(
    [h.phone, h.name, h.account, h.state, h.reason, h.variant, h.queuedAt, h.repliedAt, h.optedOutAt, ...data.variables],
    data.rows.map((r) => [
      r.phone,
      r.name ?? '',
      words.account(r.accountId),
      words.state(recipientStateKey(r)),
      // A cancelled recipient's state already says it.
      r.reason && recipientStateKey(r) !== 'cancelled' ? words.reason(r.reason) : '',
      r.variant === null ? '' : words.variant(r.variant),
      localStamp(r.queuedAt),
      localStamp(r.repliedAt),
      localStamp(r.optedOutAt),
      ...r.values,
    ]),
    language,
  );
}
