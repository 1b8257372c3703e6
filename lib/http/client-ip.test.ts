import { describe, expect, it } from 'vitest'
import { clientIp } from './client-ip'

const from = (forwarded?: string) =>
  new Request('http://x/', { headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } })

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
