import { describe, expect, it } from 'vitest'
import { isCrossSiteChange, refuseCrossSiteChange } from './csrf'

const request = (method: string, headers: Record<string, string>, url = 'http://localhost:3000/api/admin/users') =>
  new Request(url, { method, headers })

describe('isCrossSiteChange', () => {
  it('lets reads through whatever their origin', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(isCrossSiteChange(request(method, { origin: 'https://evil.example' })), method).toBe(false)
    }
  })

  const cases: [string, Record<string, string>, boolean, { appOrigin?: string; trustProxy?: boolean }?][] = [
    ['same origin', { origin: 'http://localhost:3000' }, false],
    ['same origin, other case', { origin: 'HTTP://LOCALHOST:3000' }, false],
    ['another site', { origin: 'https://evil.example' }, true],
    ['our host on another port', { origin: 'http://localhost:4000' }, true],
    ['a sibling subdomain', { origin: 'http://evil.localhost:3000' }, true],
    ['the opaque origin', { origin: 'null' }, true],
    ['a malformed origin', { origin: 'not a url' }, true],
    ['neither Origin nor Sec-Fetch-Site', {}, true],
    ['no Origin, Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }, false],
    ['no Origin, Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }, true],
    ['no Origin, Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, true],
    ['a foreign Origin outranks Sec-Fetch-Site', { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }, true],
    ['the Host header names us', { origin: 'https://door.example.com', host: 'door.example.com' }, false],
    ['APP_ORIGIN names us', { origin: 'https://door.example.com' }, false, { appOrigin: 'https://door.example.com' }],
    [
      'X-Forwarded-Host from a trusted proxy',
      { origin: 'https://door.example.com', 'x-forwarded-host': 'door.example.com' },
      false,
      { trustProxy: true },
    ],
    [
      'X-Forwarded-Host without a trusted proxy',
      { origin: 'https://door.example.com', 'x-forwarded-host': 'door.example.com' },
      true,
      { trustProxy: false },
    ],
  ]
  for (const [name, headers, crossSite, options] of cases) {
    it(`${name}: ${crossSite ? 'refused' : 'allowed'}`, () => {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        expect(isCrossSiteChange(request(method, headers), options), method).toBe(crossSite)
      }
    })
  }
})

describe('refuseCrossSiteChange', () => {
  it('throws a 403 in the error table’s terms', () => {
    let thrown: unknown
    try {
      refuseCrossSiteChange(request('POST', { origin: 'https://evil.example' }), {})
    } catch (error) {
      thrown = error
    }
    expect(thrown).toMatchObject({ status: 403, code: 'forbidden', message: 'Cross-site request refused' })
    expect(() => refuseCrossSiteChange(request('POST', { origin: 'http://localhost:3000' }), {})).not.toThrow()
  })
})
