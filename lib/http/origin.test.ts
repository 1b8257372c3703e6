import { describe, expect, it } from 'vitest'
import { publicOrigin } from './origin'

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers })

describe('publicOrigin', () => {
  it.each([
    ['the request’s own origin', request('http://door.local:3000/api/admin/guest-passes'), { trustedProxies: 0 }, 'http://door.local:3000'],
    [
      'APP_ORIGIN over the request, without its path',
      request('http://127.0.0.1:3000/x', { 'x-forwarded-host': 'evil.example' }),
      { appOrigin: 'https://door.example.com/base', trustedProxies: 1 },
      'https://door.example.com',
    ],
    [
      'the forwarded host and scheme from a trusted proxy',
      request('http://127.0.0.1:3000/x', { 'x-forwarded-host': 'door.example.com', 'x-forwarded-proto': 'https' }),
      { trustedProxies: 1 },
      'https://door.example.com',
    ],
    [
      'no forwarded host without a trusted proxy: anyone can send the header',
      request('http://127.0.0.1:3000/x', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }),
      { trustedProxies: 0 },
      'http://127.0.0.1:3000',
    ],
    [
      'a malformed forwarded host: the request’s own',
      request('http://127.0.0.1:3000/x', { 'x-forwarded-host': 'bad host/../' }),
      { trustedProxies: 1 },
      'http://127.0.0.1:3000',
    ],
  ])('%s', (_label, given, options, origin) => {
    expect(publicOrigin(given, options)).toBe(origin)
  })
})
