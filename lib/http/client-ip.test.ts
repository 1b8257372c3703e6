import { describe, expect, it } from 'vitest'
import { clientIp, rateLimitKey } from './client-ip'

const from = (forwarded?: string) => new Request('http://x/', { headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } })

describe('clientIp', () => {
  it('takes the peer our server appended, not what the client wrote', () => {
    expect(clientIp(from('6.6.6.6, 203.0.113.9'), 0)).toBe('203.0.113.9')
    expect(clientIp(from('203.0.113.9'), 0)).toBe('203.0.113.9')
  })

  it('steps left over each trusted proxy', () => {
    expect(clientIp(from('6.6.6.6, 198.51.100.7, 10.0.0.2'), 1)).toBe('198.51.100.7')
    // More proxies configured than entries present: the leftmost is the best we have.
    expect(clientIp(from('198.51.100.7'), 3)).toBe('198.51.100.7')
  })

  it('answers "unknown" when there is nothing to go on', () => {
    expect(clientIp(from(), 0)).toBe('unknown')
    expect(clientIp(from(' , '), 0)).toBe('unknown')
  })
})

describe('rateLimitKey', () => {
  it('counts IPv6 addresses by their /64 and mapped IPv4 as IPv4', () => {
    expect(rateLimitKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64')
    expect(rateLimitKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64')
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64')
    expect(rateLimitKey('::ffff:203.0.113.9')).toBe('203.0.113.9')
    expect(rateLimitKey('203.0.113.9')).toBe('203.0.113.9')
    expect(rateLimitKey('unknown')).toBe('unknown')
  })
})
