import { eq } from 'drizzle-orm';
import { defaultOptOutSettings, optOutSettingsSchema, type OptOutSettings } from '../../../shared/contract/campaign-dto';
import type { Orm } from '../db/orm';
import { settings } from '../db/schema';

const SETTINGS_KEY = 'campaigns.optOut';

/** Lower case, no accents, punctuation as spaces: "¡NO MÁS!" and "no mas" read the same. */
export const foldForMatch = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * A reply asks for no more messages when it is an opt-out keyword, or starts with one and adds at
 * most two words ("Baja por favor"). Longer messages that merely contain the word ("el precio es
 * alto, ¿no?") are conversation, not an opt-out.
 */
export function matchesOptOut(text: string, keywords: readonly string[]): boolean {
  const folded = foldForMatch(text);
  if (!folded) return false;
  const words = folded.split(' ');
  return keywords.some((keyword) => {
    const k = foldForMatch(keyword);
    if (!k) return false;
    if (folded === k) return true;
    const kWords = k.split(' ').length;
    return words.length <= kWords + 2 && (folded.startsWith(`${k} `) || folded.endsWith(` ${k}`));
  });
}

export function readOptOutSettings(orm: Orm): OptOutSettings {
  const row = orm.select().from(settings).where(eq(settings.key, SETTINGS_KEY)).get();
  if (!row) return defaultOptOutSettings;
  const parsed = optOutSettingsSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : defaultOptOutSettings;
}

export function writeOptOutSettings(orm: Orm, value: OptOutSettings): OptOutSettings {
  const json = JSON.stringify(value);
  orm.insert(settings).values({ key: SETTINGS_KEY, value: json }).onConflictDoUpdate({ target: settings.key, set: { value: json } }).run();
  return readOptOutSettings(orm);
}
