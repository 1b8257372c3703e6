import { describe, expect, it } from 'vitest'
import {
  API_KEY_PREFIX,
  bearerToken,
  generateToken,
  hashToken,
  KIOSK_TOKEN_PREFIX,
  readCookie,
  digestMatchesSecret,
  tokenDigest,
} from './tokens'

describe('tokens', () => {
  it('are random, prefixed and hashed deterministically', () => {
    const a = generateToken('key')
    const b = generateToken('key')
    expect(a).toMatch(/^qrd_key_[A-Za-z0-9_-]{43}$/)
    expect(a).not.toBe(b)
    expect(hashToken(a)).toBe(hashToken(a))
    expect(hashToken(a)).not.toBe(hashToken(b))
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('start with the prefixes authenticate() tells them apart by', () => {
    expect(generateToken('key').startsWith(API_KEY_PREFIX)).toBe(true)
    expect(generateToken('kiosk').startsWith(KIOSK_TOKEN_PREFIX)).toBe(true)
    expect(generateToken('session').startsWith(API_KEY_PREFIX) || generateToken('session').startsWith(KIOSK_TOKEN_PREFIX)).toBe(false)
  })

  it('compares in constant time, whatever the lengths', () => {
    expect(digestMatchesSecret(tokenDigest('abc'), 'abc')).toBe(true)
    expect(digestMatchesSecret(tokenDigest('abc'), 'abcd')).toBe(false)
  })

  it('reads bearer tokens and cookies from a Web Request', () => {
    const request = new Request('http://x/', {
      headers: { authorization: 'Bearer qrd_key_x', cookie: 'a=1; qrdoor_session=s%20t; b=2' },
    })
    expect(bearerToken(request)).toBe('qrd_key_x')
    expect(readCookie(request, 'qrdoor_session')).toBe('s t')
    expect(readCookie(request, 'missing')).toBeUndefined()
    expect(bearerToken(new Request('http://x/', { headers: { authorization: 'Basic abc' } }))).toBeUndefined()
  })
})
