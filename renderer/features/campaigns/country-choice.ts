import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** The country of one of our numbers (digits only), or null for practice numbers and unknown ones. */
export function countryOfNumber(phone: string | null | undefined): CountryCode | null {
  return (phone && parsePhoneNumberFromString(`+${phone}`)?.country) || null;
}

/** Every country as "México (+52)" in the interface's language, sorted by that name. */
export function countryOptions(language: string): { value: string; label: string }[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([language], { type: 'region' });
  } catch {
    names = null;
  }
  return getCountries()
    .map((code) => ({ value: code, label: `${names?.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
}
