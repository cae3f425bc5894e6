import i18next, { type i18n as I18n } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/contract';
import en from './en.json';
import es from './es.json';

/** Mirror of the server-side language setting, so the very first paint is in the right language. */
export const LANGUAGE_STORAGE_KEY = 'mostrador.language';
export const supportedLanguages: readonly Language[] = ['es', 'en'];

/**
 * Spanish when the browser's (or, in Electron, the system's) first language is Spanish, English
 * otherwise. i18next's own navigator lookup would pick Spanish for ["en-US", "es"], which is not
 * what that person asked for.
 */
export function systemLanguage(): Language {
  const primary = navigator.languages?.[0] ?? navigator.language ?? 'en';
  return primary.toLowerCase().startsWith('es') ? 'es' : 'en';
}

export async function createI18n(): Promise<I18n> {
  const detector = new LanguageDetector();
  detector.addDetector({ name: 'systemLanguage', lookup: () => systemLanguage() });
  const instance = i18next.createInstance();
  instance.use(detector).use(initReactI18next);
  instance.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  await instance.init({
    resources: { es: { translation: es }, en: { translation: en } },
    supportedLngs: supportedLanguages,
    fallbackLng: 'en',
    detection: { order: ['localStorage', 'systemLanguage'], lookupLocalStorage: LANGUAGE_STORAGE_KEY, caches: [] },
    interpolation: { escapeValue: false }, // React escapes.
  });
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
  const target = language ?? systemLanguage();
  if (i18n.resolvedLanguage !== target) void i18n.changeLanguage(target);
}
