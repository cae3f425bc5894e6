import type { CampaignDto, CampaignRecipientDto } from '../../../shared/contract';

/** "9:00" when it is later today, "lunes 9:00" on another day: when a waiting campaign starts. */
export function startsAtText(at: number, now: number, language: string): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(language, sameDay ? { hour: 'numeric', minute: '2-digit' } : { weekday: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}

/** The i18n key of a campaign's state: a campaign outside its hours waits, it is not "sending". */
export const statusKey = (c: Pick<CampaignDto, 'status' | 'waitingUntil'>, now: number) => (c.waitingUntil !== null && c.waitingUntil > now ? ('waiting' as const) : c.status);

/** A recipient the cancel stopped reads "Cancelado", not "Omitido" or "Pendiente". */
export const recipientStateKey = (r: Pick<CampaignRecipientDto, 'state' | 'reason'>) => (r.state === 'skipped' && r.reason === 'cancelled' ? ('cancelled' as const) : r.state);

/** "Variante 1: Hola {{nombre}}, ya hay…": short enough for a table row; the full text on demand. */
export function variantLabel(example: string, max = 32): string {
  const flat = example.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}
