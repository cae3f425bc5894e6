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

export const phoneToJid = (digits: string) => `${digits}@s.whatsapp.net`;
