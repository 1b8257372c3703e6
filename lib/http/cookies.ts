import { env } from '@/lib/env'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Whether cookies get the Secure flag: always in production (SPEC), except when the browser talks to
 * the app on this machine over plain HTTP (`npm start` tried locally, the e2e suite); and whenever the
 * request came over HTTPS. X-Forwarded-Proto counts only behind a trusted proxy.
 */
export function secureCookies(
  request: Request,
  options: { production: boolean; trustedProxies: number } = {
    production: env.NODE_ENV === 'production',
    trustedProxies: env.TRUSTED_PROXIES,
  },
): boolean {
  const url = new URL(request.url)
  const forwardedProto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  if (url.protocol === 'https:' || (options.trustedProxies > 0 && forwardedProto === 'https')) return true
  return options.production && !LOOPBACK.has(url.hostname)
}
