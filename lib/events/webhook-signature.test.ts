import { describe, expect, it } from 'vitest'
import { signatureHeader, verifySignature } from './webhook-signature'

describe('webhook signatures', () => {
  const now = new Date('2025-11-26T12:00:00Z')
  const secret = 'whsec_test'
  const body = '{"id":"evt_1_access_granted"}'

  it('signs "<t>.<body>" with HMAC-SHA256, as the README shows receivers', () => {
    // From openssl: printf '1764158400.{"id":"evt_1_access_granted"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signatureHeader({ secret, body, now })).toBe('t=1764158400,v1=6a1f7e8f1a9a9d3d83d0ed499045d9d77b494e64b3f75e13130c8c565e909899')
  })

  it('verifies its own signature, and refuses another body, secret, or an old time', () => {
    const header = signatureHeader({ secret, body, now })
    expect(verifySignature({ secret, body, header, now })).toBe(true)
    expect(verifySignature({ secret, body: body + ' ', header, now })).toBe(false)
    expect(verifySignature({ secret: 'whsec_other', body, header, now })).toBe(false)
    expect(verifySignature({ secret, body, header, now: new Date(now.getTime() + 301_000) })).toBe(false)
    expect(verifySignature({ secret, body, header: 't=1764158400,v1=zz', now })).toBe(false)
  })
})
