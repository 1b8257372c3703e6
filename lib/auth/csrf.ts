// Cross-site request forgery guard for cookie-authenticated changes (docs/decisions/0007). The
// session cookie is SameSite=Lax, which already keeps it off cross-site POSTs in current browsers;
// this check is the second lock for older browsers, same-site attackers (a sibling subdomain counts
// as "same site" for SameSite) and anything that slips past Lax. Bearer-token callers are exempt:
// a browser never attaches their credentials on its own.
import { env } from '@/lib/env'
import { ApiError } from '@/lib/http/errors'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export interface SameOriginOptions {
  /** The public origin (APP_ORIGIN): behind a proxy that rewrites Host, pages come from there. */
  appOrigin?: string
  /** Whether X-Forwarded-Host, set by our reverse proxy, names a host of ours. */
  trustProxy?: boolean
}

/** Host names (with port) that this request was addressed to, as far as we can tell. */
function ownHosts(request: Request, options: SameOriginOptions): Set<string> {
  const hosts = new Set<string>([new URL(request.url).host.toLowerCase()])
  const host = request.headers.get('host')
  if (host) hosts.add(host.trim().toLowerCase())
  if (options.trustProxy) {
    const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim()
    if (forwarded) hosts.add(forwarded.toLowerCase())
  }
  if (options.appOrigin) hosts.add(new URL(options.appOrigin).host.toLowerCase())
  return hosts
}

function originHost(origin: string): string | null {
  // Browsers send the literal `null` from sandboxed frames, data: URLs and some redirects.
  if (origin === 'null') return null
  try {
    return new URL(origin).host.toLowerCase()
  } catch {
    return null
  }
}

/**
 * True for a state-changing request that cannot be shown to come from our own pages: it needs an
 * `Origin` naming one of our hosts or, from browsers that leave `Origin` out, `Sec-Fetch-Site:
 * same-origin`. A request with neither is refused too: every browser that matters sends one of the
 * two on a POST, and a non-browser client should use a bearer key rather than a cookie.
 */
export function isCrossSiteChange(request: Request, options: SameOriginOptions = {}): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false
  const origin = request.headers.get('origin')
  if (origin !== null) {
    const host = originHost(origin.trim())
    return host === null || !ownHosts(request, options).has(host)
  }
  return request.headers.get('sec-fetch-site')?.trim().toLowerCase() !== 'same-origin'
}

/** Throws 403 for a cross-site change; call wherever a session cookie authenticates a request. */
export function refuseCrossSiteChange(
  request: Request,
  options: SameOriginOptions = { appOrigin: env.APP_ORIGIN, trustProxy: env.TRUSTED_PROXIES > 0 },
): void {
  if (isCrossSiteChange(request, options)) throw new ApiError('forbidden', 'Cross-site request refused')
}
