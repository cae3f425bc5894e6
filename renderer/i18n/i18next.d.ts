import 'i18next';
import type en from './en.json';

// Typed keys: a misspelt or missing translation key fails the type-check.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
