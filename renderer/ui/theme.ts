import type { SettingsDto } from '../../shared/contract';

export type ThemeSetting = SettingsDto['theme'];

/** Mirror of the server-side theme, read before the first paint to avoid a light flash in dark mode. */
export const THEME_STORAGE_KEY = 'mostrador.theme';

export function storedTheme(): ThemeSetting {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Sets `data-theme` on <html>; for `system` it follows prefers-color-scheme live. Returns a cleanup. */
export function applyTheme(setting: ThemeSetting): () => void {
  try {
    localStorage.setItem(THEME_STORAGE_KEY, setting);
  } catch {
    // Storage can be disabled; the server keeps the real setting.
  }
  const root = document.documentElement;
  if (setting !== 'system') {
    root.dataset.theme = setting;
    return () => {};
  }
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const follow = () => {
    root.dataset.theme = media.matches ? 'dark' : 'light';
  };
  follow();
  media.addEventListener('change', follow);
  return () => media.removeEventListener('change', follow);
}
