import { describe, expect, it } from 'vitest'
import { secureCookies } from './cookies'

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers })

describe('secureCookies', () => {
  it('is on in production, and over HTTPS anywhere', () => {
    expect(secureCookies(request('http://door.example.com/'), { production: true, trustedProxies: 0 })).toBe(true)
    expect(secureCookies(request('https://door.example.com/'), { production: false, trustedProxies: 0 })).toBe(true)
  })

  it('is off for plain HTTP on this machine and in development', () => {
    expect(secureCookies(request('http://127.0.0.1:3000/'), { production: true, trustedProxies: 0 })).toBe(false)
    expect(secureCookies(request('http://localhost:3000/'), { production: true, trustedProxies: 0 })).toBe(false)
    expect(secureCookies(request('http://door.local/'), { production: false, trustedProxies: 0 })).toBe(false)
  })

  it('believes X-Forwarded-Proto only behind a trusted proxy', () => {
    const forwarded = request('http://localhost/', { 'x-forwarded-proto': 'https' })
    expect(secureCookies(forwarded, { production: false, trustedProxies: 0 })).toBe(false)
    expect(secureCookies(forwarded, { production: false, trustedProxies: 1 })).toBe(true)
  })
})
