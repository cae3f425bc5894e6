/**
 * The policy sent with every page of the app, by the Electron `app://` protocol and by browser
 * mode alike. Scripts and fonts come from our origin only; inline styles are allowed because the
 * component library sets style attributes and injects one scroll-lock <style>; images and media
 * may be data:/blob: (QR codes, previews). Nothing may be framed, posted or fetched elsewhere —
 * the core does all networking.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
