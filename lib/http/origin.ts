// The origin the public reaches this app at: APP_ORIGIN when set (behind a proxy that rewrites
// Host, the request's own URL names the proxy's upstream, not the public site); else the forwarded
// host and scheme from a trusted proxy; else the request's URL. Links sent to people (guest passes)
// and the SMS WebOTP line use it.
import { env } from '@/lib/env'

export function publicOrigin(
  request: Request,
  options: { appOrigin?: string; trustedProxies: number } = { appOrigin: env.APP_ORIGIN, trustedProxies: env.TRUSTED_PROXIES },
): string {
  if (options.appOrigin) return new URL(options.appOrigin).origin
  const url = new URL(request.url)
  if (options.trustedProxies > 0) {
    const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim()
    const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
    if (host) {
      try {
        return new URL(`${proto === 'https' || proto === 'http' ? proto : url.protocol.slice(0, -1)}://${host}`).origin
      } catch {
        // A malformed header: fall back to the request's URL.
      }
    }
  }
  return url.origin
}
