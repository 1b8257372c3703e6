import { env } from '@/lib/env'

/**
 * The caller's IP address, for rate limiting. Next's server appends the socket's address to
 * X-Forwarded-For, so the last entry is the peer that connected to us; with TRUST_PROXY the
 * reverse proxy in front of us appended the client's address there as its last entry too.
 */
export function clientIp(request: Request, trustProxy = env.TRUST_PROXY): string {
  const forwarded = request.headers.get('x-forwarded-for')
  if (trustProxy && forwarded) {
    const entries = forwarded.split(',').map((part) => part.trim()).filter(Boolean)
    if (entries.length > 0) return entries[entries.length - 1]!
  }
  return request.headers.get('x-real-ip') ?? 'unknown'
}
