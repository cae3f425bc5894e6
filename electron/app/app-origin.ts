/**
 * Where the renderer lives: `app://mostrador/…`. A custom standard scheme (not file://) gives the
 * page a real origin, so the CSP's 'self', the router's sender check and the navigation guard can
 * all compare against one value.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mostrador';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` belongs to our origin. We compare scheme and host ourselves because the WHATWG
 * URL parser gives non-special schemes such as `app:` an opaque origin (`"null"`), so
 * `new URL(url).origin` would never match.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
