import { describe, expect, it } from 'vitest'
import { secureCookies } from './cookies'

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers })

describe('secureCookies', () => {
  it('follows the scheme of APP_ORIGIN when it is set, whatever the request says', () => {
    const local = request('http://localhost:3000/')
    const forwarded = request('https://door.example.com/', { 'x-forwarded-proto': 'https' })
    expect(secureCookies(local, { production: false, trustedProxies: 0, appOrigin: 'https://door.example.com' })).toBe(true)
    expect(secureCookies(forwarded, { production: true, trustedProxies: 1, appOrigin: 'http://door.local' })).toBe(false)
    expect(
      secureCookies(request('http://door.example.com/'), { production: true, trustedProxies: 0, appOrigin: 'http://door.local:8080' }),
    ).toBe(false)
  })

  it('without APP_ORIGIN, is on in production except on this machine', () => {
    expect(secureCookies(request('http://door.example.com/'), { production: true, trustedProxies: 0 })).toBe(true)
    expect(secureCookies(request('http://127.0.0.1:3000/'), { production: true, trustedProxies: 0 })).toBe(false)
    expect(secureCookies(request('http://localhost:3000/'), { production: true, trustedProxies: 0 })).toBe(false)
    expect(secureCookies(request('http://door.local/'), { production: false, trustedProxies: 0 })).toBe(false)
  })

  it('believes X-Forwarded-Proto only behind a trusted proxy', () => {
    const forwarded = request('http://localhost/', { 'x-forwarded-proto': 'https' })
    expect(secureCookies(forwarded, { production: false, trustedProxies: 0 })).toBe(false)
    expect(secureCookies(forwarded, { production: false, trustedProxies: 1 })).toBe(true)
  })

  it('does not believe the request URL’s scheme, which Next builds from X-Forwarded-Proto', () => {
    // What a Next route handler sees when a client sends X-Forwarded-Proto: https over plain HTTP.
    const asNextBuildsIt = request('https://door.local/', { 'x-forwarded-proto': 'https' })
    expect(secureCookies(asNextBuildsIt, { production: false, trustedProxies: 0 })).toBe(false)
  })
})
