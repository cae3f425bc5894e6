import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { AudienceCheckDto } from '../../../shared/contract/campaign-dto';

/** One person of a campaign before it is stored. `line` is the file line (1 = header) or the chat id. */
export interface AudienceEntry {
  line: number;
  raw: string;
  name: string | null;
  variables: Record<string, string>;
  /** The account of the chat it came from, when it came from a chat. */
  accountHint?: string;
  /** Digits WhatsApp itself gave (a chat's JID): used as they are, not re-read as a typed number. */
  whatsappPhone?: string;
}

export interface BuiltAudience {
  valid: (AudienceEntry & { phone: string; accountId: string })[];
  problems: { line: number; value: string; reason: 'invalid' | 'duplicate' | 'opted_out' | 'empty' | 'not_on_whatsapp'; phone: string | null; entry: AudienceEntry }[];
}

/** The country of one of our numbers (digits), the default for numbers written without a country code. */
export function countryOfPhone(phone: string | null | undefined): CountryCode | undefined {
  return phone ? parsePhoneNumberFromString(`+${phone}`)?.country : undefined;
}

/**
 * Mexican mobiles as written before the 2019 dialling reform — "+52 1 55…" internationally, "044"/
 * "045" at home — are the same subscriber as today's "+52 55…": old spreadsheets are full of them.
 */
const OLD_MEXICAN_MOBILE = /^(?:\+?521|0(?=4[45]))(\d{10}|4[45]\d{10})$/;
function modernMexicanMobile(input: string, defaultCountry: CountryCode | undefined): string | null {
  const compact = input.replace(/[\s().-]/g, '');
  const match = OLD_MEXICAN_MOBILE.exec(compact);
  if (!match) return null;
  if (!compact.startsWith('+') && !compact.startsWith('521') && defaultCountry !== 'MX') return null;
  const digits = match[1]!.length === 12 ? match[1]!.slice(2) : match[1]!;
  return `+52${digits}`;
}

/** Digits in international form, or null when it is not a possible phone number. */
export function normalizeAudiencePhone(input: string, defaultCountry: CountryCode | undefined): string | null {
  const trimmed = input.trim().replace(/^00/, '+');
  if (!trimmed) return null;
  const written = modernMexicanMobile(trimmed, defaultCountry) ?? trimmed;
  const parsed = parsePhoneNumberFromString(written, defaultCountry) ?? (written.startsWith('+') ? undefined : parsePhoneNumberFromString(`+${written}`));
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number.slice(1);
}

/**
 * Normalises every number (the first account's country as default), drops invalid, repeated,
 * opted-out ones and those WhatsApp said it does not know (when `onWhatsApp` answers are given)
 * with the reason, and gives each person an account: the one that already talked with them, else
 * the least loaded of the chosen ones.
 */
export function buildAudience(
  entries: Iterable<AudienceEntry>,
  options: {
    accountIds: readonly string[];
    defaultCountry: CountryCode | undefined;
    suppressed: ReadonlySet<string>;
    knownBy: ReadonlyMap<string, string>;
    onWhatsApp?: ReadonlyMap<string, boolean>;
  },
): BuiltAudience {
  const seen = new Set<string>();
  const load = new Map(options.accountIds.map((id) => [id, 0]));
  const chosen = new Set(options.accountIds);
  const result: BuiltAudience = { valid: [], problems: [] };
  for (const entry of entries) {
    if (!entry.raw.trim()) {
      result.problems.push({ line: entry.line, value: '', reason: 'empty', phone: null, entry });
      continue;
    }
    const phone = entry.whatsappPhone ?? normalizeAudiencePhone(entry.raw, options.defaultCountry);
    if (!phone) {
      result.problems.push({ line: entry.line, value: entry.raw, reason: 'invalid', phone: null, entry });
      continue;
    }
    if (seen.has(phone)) {
      result.problems.push({ line: entry.line, value: entry.raw, reason: 'duplicate', phone, entry });
      continue;
    }
    seen.add(phone);
    if (options.suppressed.has(phone)) {
      result.problems.push({ line: entry.line, value: entry.raw, reason: 'opted_out', phone, entry });
      continue;
    }
    if (options.onWhatsApp?.get(phone) === false) {
      result.problems.push({ line: entry.line, value: entry.raw, reason: 'not_on_whatsapp', phone, entry });
      continue;
    }
    let accountId = entry.accountHint && chosen.has(entry.accountHint) ? entry.accountHint : options.knownBy.get(phone);
    if (!accountId || !chosen.has(accountId)) {
      accountId = options.accountIds[0]!;
      for (const [id, n] of load) if (n < load.get(accountId)!) accountId = id;
    }
    load.set(accountId, load.get(accountId)! + 1);
    result.valid.push({ ...entry, phone, accountId });
  }
  return result;
}

/** The summary the "before launch" screen shows; `onWhatsApp` is given when the WhatsApp check was asked for. */
export function summarize(built: BuiltAudience, variables: string[], onWhatsApp: ReadonlyMap<string, boolean> | null, limits = { problems: 200, sample: 20 }): AudienceCheckDto {
  const count = (reason: string) => built.problems.filter((p) => p.reason === reason).length;
  return {
    valid: built.valid.length,
    invalid: count('invalid') + count('empty'),
    duplicates: count('duplicate'),
    optedOut: count('opted_out'),
    notOnWhatsApp: count('not_on_whatsapp'),
    whatsAppUnknown: onWhatsApp ? built.valid.filter((v) => !onWhatsApp.has(v.phone)).length : null,
    problems: built.problems.slice(0, limits.problems).map(({ line, value, reason }) => ({ line, value, reason })),
    variables,
    sample: built.valid.slice(0, limits.sample).map((v) => ({ phone: v.phone, name: v.name, variables: v.variables, accountId: v.accountId })),
  };
}
