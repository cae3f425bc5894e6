/** What still keeps "Crear" disabled, in the form's order (i18n keys under campaigns.missing). */
export type Missing = 'name' | 'audience' | 'country' | 'accounts' | 'message' | 'pacing' | 'window' | 'practiceFile';

export function missingForLaunch(form: {
  name: string;
  audience: boolean;
  countryMissing: boolean;
  accounts: number;
  template: string;
  pacing: boolean;
  window: boolean;
  /** A file chosen, then a practice number, which sends text only. */
  practiceWithFile: boolean;
}): Missing[] {
  const missing: Missing[] = [];
  if (!form.name.trim()) missing.push('name');
  if (!form.audience) missing.push('audience');
  if (form.countryMissing) missing.push('country');
  if (form.accounts === 0) missing.push('accounts');
  if (!form.template.trim()) missing.push('message');
  if (!form.pacing) missing.push('pacing');
  if (!form.window) missing.push('window');
  if (form.practiceWithFile) missing.push('practiceFile');
  return missing;
}
