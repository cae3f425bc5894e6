import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { AppError } from '../../../shared/errors';

/**
 * Normalises what a person typed ("+52 55 1234 5678", "0052 55…", "525512345678") into WhatsApp's
 * digits-only international form, or refuses it with INVALID_PHONE.
 */
export function normalizePhone(input: string, defaultCountry?: CountryCode): string {
  const trimmed = input.trim().replace(/^00/, '+');
  const candidate = trimmed.startsWith('+') || defaultCountry ? trimmed : `+${trimmed}`;
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
  if (!parsed || !parsed.isPossible()) {
    throw new AppError('INVALID_PHONE', `"${input}" is not a phone number (include the country code, e.g. +52 55 1234 5678)`);
  }
  return parsed.number.slice(1);
}

/** The country of one of our numbers (digits), the default for numbers written without a country code. */
export function countryOfPhone(phone: string | null | undefined): CountryCode | undefined {
  return phone ? parsePhoneNumberFromString(`+${phone}`)?.country : undefined;
}

export const phoneToJid = (digits: string) => `${digits}@s.whatsapp.net`;

/**
 * A customer's number typed by the person (e.g. "Simulate a customer"). Without a known country a
 * number must carry its country code ("+52…" or "0052…"): prefixing "+" to "55 1234 5678" would
 * silently make it Brazilian.
 */
export function normalizeCustomerPhone(input: string, defaultCountry?: CountryCode): string {
  if (!defaultCountry && !/^\s*(\+|00)/.test(input)) {
    throw new AppError('INVALID_PHONE', `"${input}" has no country code (write it as +52 55 1234 5678)`, { reason: 'needs_country' });
  }
  return normalizePhone(input, defaultCountry);
}
