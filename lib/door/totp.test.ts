import { randomBytes } from 'node:crypto'
import { generateSync } from 'otplib'
import { describe, expect, it } from 'vitest'
import { acceptedSteps, totpCode, totpStep } from './totp'

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", 8 digits.
const rfcSecret = new TextEncoder().encode('12345678901234567890')

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('gives the test vector at T=%i', (seconds, expected) => {
    const step = totpStep(new Date(seconds * 1000))
    expect(totpCode({ secret: rfcSecret, step, digits: 8 })).toBe(expected)
  })

  it('uses 6 digits by default: the last 6 of the 8-digit vector', () => {
    expect(totpCode({ secret: rfcSecret, step: totpStep(new Date(59_000)) })).toBe('287082')
    expect(totpCode({ secret: rfcSecret, step: totpStep(new Date(1111111109_000)) })).toBe('081804')
  })

  it('agrees with otplib for random secrets and steps', () => {
    for (let i = 0; i < 200; i++) {
      const secret = randomBytes(20)
      const step = Math.floor(Math.random() * 2 ** 36)
      const reference = generateSync({ strategy: 'totp', secret, algorithm: 'sha1', digits: 6, period: 30, epoch: step * 30 })
      expect(totpCode({ secret, step }), `step ${step}`).toBe(reference)
    }
  })

  it('counts 30-second steps from the epoch', () => {
    expect(totpStep(new Date(0))).toBe(0)
    expect(totpStep(new Date(29_999))).toBe(0)
    expect(totpStep(new Date(30_000))).toBe(1)
    expect(totpStep(new Date(59_000))).toBe(1)
  })

  it('accepts the current step and one on either side', () => {
    expect(acceptedSteps(new Date(300_000)).sort((a, b) => a - b)).toEqual([9, 10, 11])
    expect(acceptedSteps(new Date(300_000))[0]).toBe(10)
  })
})
