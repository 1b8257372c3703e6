import { isIPv4, isIPv6 } from 'node:net'
import { env } from '@/lib/env'

/**
 * The key rate limits count an address under. One IPv6 host usually holds a whole /64, so IPv6
 * addresses count by their /64; IPv4-mapped IPv6 addresses count as the IPv4 address.
 */
export function rateLimitKey(ip: string): string {
  const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!
  if (!isIPv6(ip)) return ip
  const [head = '', tail = ''] = ip.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : []
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

/**
 * The caller's address as rate limits count it (see rateLimitKey). scripts/server.mjs appends the socket's peer address to
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
  return rateLimitKey(entries[Math.max(0, entries.length - 1 - trustedProxies)]!)
}
