import i18next, { type i18n as I18n, type InitOptions } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/contract';
import en from './en.json';
import esES from './es-ES.json';
import es from './es.json';

/** Mirror of the server-side language setting, so the very first paint is in the right language. */
export const LANGUAGE_STORAGE_KEY = 'mostrador.language';
/** What the person chooses (the contract's setting). */
export const supportedLanguages: readonly Language[] = ['es', 'en'];
/**
 * What the interface is written in: `es` is Latin American Spanish (es-MX wording, since most
 * people using Mostrador are there), `es-ES` only holds the words Spain says otherwise and falls
 * back to `es` for everything else.
 */
export type UiLanguage = 'es' | 'es-ES' | 'en';
export const uiLanguages: readonly UiLanguage[] = ['es', 'es-ES', 'en'];

const preferred = (): readonly string[] => navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en'];

/**
 * Spanish when the browser's (or, in Electron, the system's) first language is Spanish, English
 * otherwise. i18next's own navigator lookup would pick Spanish for ["en-US", "es"], which is not
 * what that person asked for.
 */
export function systemLanguage(): Language {
  return (preferred()[0] ?? 'en').toLowerCase().startsWith('es') ? 'es' : 'en';
}

/**
 * The interface language for a chosen language: Spanish follows the region of the system's first
 * Spanish entry (es-ES → Spain's words; es-MX, es-419, es-AR or plain es → the Latin American base).
 */
export function uiLanguageFor(language: Language, languages: readonly string[] = preferred()): UiLanguage {
  if (language === 'en') return 'en';
  const spanish = languages.find((l) => l.toLowerCase().startsWith('es'));
  return spanish?.toLowerCase() === 'es-es' ? 'es-ES' : 'es';
}

function savedLanguage(): Language | null {
  try {
    const saved = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return saved === 'es' || saved === 'en' ? saved : null;
  } catch {
    return null; // Storage can be disabled; the server keeps the real setting.
  }
}

/** The languages and how they fall back (also what the translation tests load). */
export const i18nOptions = {
  resources: { es: { translation: es }, 'es-ES': { translation: esES }, en: { translation: en } },
  supportedLngs: uiLanguages,
  // es-ES → es (its own file holds only what differs); anything missing → English.
  fallbackLng: { 'es-ES': ['es', 'en'], default: ['en'] },
  interpolation: { escapeValue: false }, // React escapes.
} satisfies InitOptions;

export async function createI18n(): Promise<I18n> {
  const detector = new LanguageDetector();
  detector.addDetector({ name: 'mostrador', lookup: () => uiLanguageFor(savedLanguage() ?? systemLanguage()) });
  const instance = i18next.createInstance();
  instance.use(detector).use(initReactI18next);
  instance.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  await instance.init({ ...i18nOptions, detection: { order: ['mostrador'], caches: [] } });
  return instance;
}

/** Applies the saved preference (null = follow the system) and mirrors it in localStorage. */
export function applyLanguagePreference(i18n: I18n, language: Language | null): void {
  try {
    if (language) localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    else localStorage.removeItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // Storage can be disabled; the server keeps the real setting.
  }
  const target = uiLanguageFor(language ?? systemLanguage());
  if (i18n.resolvedLanguage !== target) void i18n.changeLanguage(target);
}
