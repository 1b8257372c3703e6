import { env } from '@/lib/env'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Whether cookies get the Secure flag. APP_ORIGIN's scheme decides when it is set. Otherwise a
 * trusted proxy's X-Forwarded-Proto: https does, and failing that the rule is on in production
 * (SPEC) except when the browser talks to the app on this machine over plain HTTP (`npm start`
 * tried locally, the e2e suite). The request URL's scheme is not asked: Next builds it from
 * X-Forwarded-Proto, which any client can send.
 */
export function secureCookies(
  request: Request,
  options: { production: boolean; trustedProxies: number; appOrigin?: string } = {
    production: env.NODE_ENV === 'production',
    trustedProxies: env.TRUSTED_PROXIES,
    appOrigin: env.APP_ORIGIN,
  },
): boolean {
  if (options.appOrigin) return new URL(options.appOrigin).protocol === 'https:'
  const forwardedProto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  if (options.trustedProxies > 0 && forwardedProto === 'https') return true
  return options.production && !LOOPBACK.has(new URL(request.url).hostname)
}
