import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Epoch milliseconds from a contract timestamp. The contract says milliseconds; WhatsApp itself
 * counts seconds, so a value that can only be seconds (before 1973 as ms) is scaled rather than
 * shown as January 1970.
 */
export function toEpochMs(value: number): number {
  return value < 1e11 ? value * 1000 : value;
}

const startOfDay = (ms: number) => {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

/** Chat-list time: the hour today, "yesterday", the weekday within a week, else the date. */
export function formatChatTime(value: number, language: string, now: number, yesterday: string): string {
  const ms = toEpochMs(value);
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / 86_400_000);
  if (days <= 0) return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(ms);
  if (days === 1) return yesterday;
  if (days < 7) return new Intl.DateTimeFormat(language, { weekday: 'short' }).format(ms);
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: '2-digit' }).format(ms);
}

export function formatMessageTime(value: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(toEpochMs(value));
}

export function formatFullDate(value: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' }).format(toEpochMs(value));
}

/**
 * WhatsApp keeps numbers as bare international digits; people read them grouped the way their
 * country writes them ("+52 55 1234 5678"), by libphonenumber's international format. A number it
 * does not know keeps its digits behind a +; anything else is shown as it came.
 */
export function displayPhone(phone: string): string {
  if (!/^\+?\d{6,}$/.test(phone)) return phone;
  const digits = phone.replace(/^\+/, '');
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (parsed?.isPossible()) return parsed.formatInternational();
  // Mexican mobiles still reach WhatsApp as 52 1 + ten digits, a prefix Mexico dropped in 2019.
  const mexican = /^521(\d{10})$/.exec(digits);
  const modern = mexican ? parsePhoneNumberFromString(`+52${mexican[1]}`) : undefined;
  if (modern?.isPossible()) return modern.formatInternational().replace(/^\+52 /, '+52 1 ');
  return `+${digits}`;
}

/** A chat's title: its name, or its number (the core titles an unnamed chat "+<digits>") formatted for people. */
export const displayTitle = (title: string): string => (/^\+\d{6,}$/.test(title) ? displayPhone(title) : title);
