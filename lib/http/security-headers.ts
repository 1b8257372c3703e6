// The security headers of the app's pages, which proxy.ts sets on every page Next renders. The JSON
// APIs do not get them (the production dispatcher answers those without Next), nor do /docs and
// /redoc, which set a stricter policy of their own (lib/openapi/pages.ts).

/** The one page that may use the camera. */
const CAMERA_PAGE = '/kiosk'

/**
 * Scripts run only with this response's nonce, which Next puts on its own scripts (it reads it from
 * the request's CSP, where proxy.ts copies the policy), and what those scripts load ('strict-dynamic').
 * No upgrade-insecure-requests: the app also serves plain HTTP on a LAN, where it would break every
 * asset. Development builds of React need eval and inline styles.
 */
export function pageSecurityHeaders(options: { pathname: string; nonce: string; development: boolean }): Record<string, string> {
  const { pathname, nonce, development } = options
  const contentSecurityPolicy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  const camera = pathname === CAMERA_PAGE ? 'camera=(self)' : 'camera=()'
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'Permissions-Policy': `${camera}, microphone=(), geolocation=(), payment=(), usb=()`,
    // Not no-referrer: with it, browsers send `Origin: null` on our own pages' POSTs, which the CSRF
    // check (lib/auth/csrf.ts) refuses. Same-origin keeps URLs (guest links' tokens) from other sites.
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    // frame-ancestors' predecessor, for browsers that do not read CSP.
    'X-Frame-Options': 'DENY',
  }
}
