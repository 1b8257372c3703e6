import { env } from '@/lib/env'

/**
 * The caller's IP address, for rate limits. scripts/server.mjs appends the socket's peer address to
 * X-Forwarded-For, so the last entry cannot be forged; each trusted reverse proxy in front of us
 * appended the address it saw before that, so with `trustedProxies` = N the client is the entry N
 * places before the last. Anything further left was written by the client and is ignored.
 */
export function clientIp(request: Request, trustedProxies = env.TRUSTED_PROXIES): string {
  const entries = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  if (entries.length === 0) return 'unknown'
  return entries[Math.max(0, entries.length - 1 - trustedProxies)]!
}
