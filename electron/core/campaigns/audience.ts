import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
// Full metadata only to tell a fixed line from a mobile, for the few cells with several numbers.
import { parsePhoneNumberFromString as parseWithTypes } from 'libphonenumber-js/max';
import type { AudienceCheckDto, AudienceProblemReason } from '../../../shared/contract/campaign-dto';
import { splitPhoneCell } from './phone-cell';

/** One person of a campaign before it is stored. `line` is the file's physical line or the chat id; `raw` the phone cell(s). */
export interface AudienceEntry {
  line: number;
  raw: string;
  name: string | null;
  variables: Record<string, string>;
  /** The account of the chat it came from, when it came from a chat. */
  accountHint?: string;
  /** Digits WhatsApp itself gave (a chat's JID): used as they are, not re-read as a typed number. */
  whatsappPhone?: string;
  /** The row had more cells than the header: its columns may be shifted. */
  extraFields?: boolean;
}

export interface BuiltAudience {
  valid: (AudienceEntry & { phone: string; accountId: string })[];
  problems: { line: number; value: string; reason: AudienceProblemReason; phone: string | null; entry: AudienceEntry }[];
  /** People with several numbers: the one used and the others. */
  alternatives: { line: number; used: string; others: string[] }[];
}

export interface AudienceOptions {
  accountIds: readonly string[];
  /** For numbers written without a country code; undefined when it cannot be known. */
  defaultCountry: CountryCode | undefined;
  suppressed: ReadonlySet<string>;
  knownBy: ReadonlyMap<string, string>;
  onWhatsApp?: ReadonlyMap<string, boolean>;
  /** Answers already worked out for this file and country (the check, then the create, read the same numbers). */
  readings?: Map<string, PhoneReading>;
}

export { countryOfPhone } from '../accounts/phone-number';

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

export type PhoneReading = { phone: string } | { problem: 'invalid' | 'no_country' };

/**
 * Digits in international form. A number written without a country code is read in the default
 * country only: without one it is `no_country`, never made international by prefixing "+" (that
 * turns "55 1234 5678" into a Brazilian number). With one, digits that are no number there but a
 * valid one with a country code ("34612345678" among Mexican numbers) are read as international.
 */
export function readAudiencePhone(input: string, defaultCountry: CountryCode | undefined): PhoneReading {
  const trimmed = input.trim().replace(/^00/, '+');
  if (!trimmed) return { problem: 'invalid' };
  const written = modernMexicanMobile(trimmed, defaultCountry) ?? trimmed;
  if (written.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(written);
    return parsed?.isPossible() ? { phone: parsed.number.slice(1) } : { problem: 'invalid' };
  }
  if (!defaultCountry) return /\d/.test(written) ? { problem: 'no_country' } : { problem: 'invalid' };
  const local = parsePhoneNumberFromString(written, defaultCountry);
  if (local?.isPossible()) return { phone: local.number.slice(1) };
  const international = parsePhoneNumberFromString(`+${written}`);
  return international?.isValid() ? { phone: international.number.slice(1) } : { problem: 'invalid' };
}

/** Digits in international form, or null when it is not a phone number (or needs a country). */
export function normalizeAudiencePhone(input: string, defaultCountry: CountryCode | undefined): string | null {
  const reading = readAudiencePhone(input, defaultCountry);
  return 'phone' in reading ? reading.phone : null;
}

/** Fixed lines are the last choice when a person has several numbers: WhatsApp lives on mobiles. */
const isFixedLine = (phone: string) => parseWithTypes(`+${phone}`)?.getType() === 'FIXED_LINE';

export type AudienceProblem = BuiltAudience['problems'][number];

/**
 * One person at a time (so a caller can yield between slices and report progress): normalises
 * every number, drops invalid, repeated, opted-out ones and those WhatsApp said it does not know
 * (when `onWhatsApp` answers are given) with the reason, and gives each person an account: the
 * one that already talked with them, else the least loaded of the chosen ones. A cell with several
 * numbers uses the first mobile; the others are kept as alternatives and count as that person's
 * for duplicates, so a later row with one of them is caught.
 */
export function createAudienceBuilder(options: AudienceOptions) {
  const seen = new Set<string>();
  const load = new Map(options.accountIds.map((id) => [id, 0]));
  const chosen = new Set(options.accountIds);
  const result: BuiltAudience = { valid: [], problems: [], alternatives: [] };
  const problem = (entry: AudienceEntry, reason: AudienceProblem['reason'], phone: string | null = null) => {
    result.problems.push({ line: entry.line, value: entry.raw, reason, phone, entry });
  };

  const { readings } = options;
  const read = (part: string): PhoneReading => {
    if (!readings) return readAudiencePhone(part, options.defaultCountry);
    let reading = readings.get(part);
    if (!reading) readings.set(part, (reading = readAudiencePhone(part, options.defaultCountry)));
    return reading;
  };

  const phonesOf = (entry: AudienceEntry): string[] | AudienceProblem['reason'] => {
    if (entry.whatsappPhone) return [entry.whatsappPhone];
    const parts = splitPhoneCell(entry.raw);
    if (parts.length === 0) return 'empty';
    if (parts.length === 1) {
      const reading = read(parts[0]!);
      return 'phone' in reading ? [reading.phone] : reading.problem;
    }
    const phones: string[] = [];
    let failure: AudienceProblem['reason'] = 'invalid';
    for (const part of parts) {
      const reading = read(part);
      if ('phone' in reading) {
        if (!phones.includes(reading.phone)) phones.push(reading.phone);
      } else if (reading.problem === 'no_country') failure = 'no_country';
    }
    if (phones.length === 0) return failure;
    const mobile = phones.findIndex((p) => !isFixedLine(p));
    if (mobile > 0) phones.unshift(...phones.splice(mobile, 1));
    return phones;
  };

  return {
    add(entry: AudienceEntry) {
      if (entry.extraFields) return problem(entry, 'extra_fields');
      if (!entry.whatsappPhone && !entry.raw.trim()) return problem(entry, 'empty');
      const phones = phonesOf(entry);
      if (typeof phones === 'string') return problem(entry, phones);
      const phone = phones[0]!;
      if (phones.some((p) => seen.has(p))) return problem(entry, 'duplicate', phone);
      for (const p of phones) seen.add(p);
      if (phones.length > 1) result.alternatives.push({ line: entry.line, used: phone, others: phones.slice(1) });
      if (options.suppressed.has(phone)) return problem(entry, 'opted_out', phone);
      if (options.onWhatsApp?.get(phone) === false) return problem(entry, 'not_on_whatsapp', phone);
      let accountId = entry.accountHint && chosen.has(entry.accountHint) ? entry.accountHint : options.knownBy.get(phone);
      if (!accountId || !chosen.has(accountId)) {
        accountId = options.accountIds[0]!;
        for (const [id, n] of load) if (n < load.get(accountId)!) accountId = id;
      }
      load.set(accountId, load.get(accountId)! + 1);
      result.valid.push({ ...entry, phone, accountId });
    },
    result: () => result,
  };
}

export function buildAudience(entries: Iterable<AudienceEntry>, options: AudienceOptions): BuiltAudience {
  const builder = createAudienceBuilder(options);
  for (const entry of entries) builder.add(entry);
  return builder.result();
}

/** The summary the "before launch" screen shows; `onWhatsApp` is given when the WhatsApp check was asked for. */
export function summarize(
  built: BuiltAudience,
  context: { variables: string[]; onWhatsApp: ReadonlyMap<string, boolean> | null; blankRows: number | null; defaultCountry: string | null },
  limits = { problems: 200, sample: 20 },
): AudienceCheckDto {
  const counts = new Map<string, number>();
  for (const p of built.problems) counts.set(p.reason, (counts.get(p.reason) ?? 0) + 1);
  const count = (reason: AudienceProblemReason) => counts.get(reason) ?? 0;
  const { onWhatsApp } = context;
  return {
    valid: built.valid.length,
    invalid: count('invalid') + count('empty'),
    duplicates: count('duplicate'),
    optedOut: count('opted_out'),
    notOnWhatsApp: count('not_on_whatsapp'),
    whatsAppUnknown: onWhatsApp ? built.valid.filter((v) => !onWhatsApp.has(v.phone)).length : null,
    noCountry: count('no_country'),
    extraFields: count('extra_fields'),
    blankRows: context.blankRows,
    defaultCountry: context.defaultCountry,
    problems: built.problems.slice(0, limits.problems).map(({ line, value, reason }) => ({ line, value, reason })),
    withAlternatives: built.alternatives.length,
    alternatives: built.alternatives.slice(0, limits.problems),
    variables: context.variables,
    sample: built.valid.slice(0, limits.sample).map((v) => ({ phone: v.phone, name: v.name, variables: v.variables, accountId: v.accountId })),
  };
}
