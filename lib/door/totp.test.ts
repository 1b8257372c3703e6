import { randomBytes } from 'node:crypto'
import { generateSync } from 'otplib'
import { describe, expect, it } from 'vitest'
import { acceptedSteps, latestMatchingStep, totpCode, totpStep } from './totp'

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

  describe('latestMatchingStep', () => {
    const secret = randomBytes(20)
    const now = new Date(1_800_000_015_000)
    const current = totpStep(now)

    it.each([-1, 0, 1])('finds the step %i from the current one', (offset) => {
      const code = totpCode({ secret, step: current + offset })
      expect(latestMatchingStep({ secret, code, now })).toBe(current + offset)
    })

    it('refuses a code two steps away, and codes of another length', () => {
      expect(latestMatchingStep({ secret, code: totpCode({ secret, step: current - 2 }), now })).toBeNull()
      expect(latestMatchingStep({ secret, code: totpCode({ secret, step: current }).slice(1), now })).toBeNull()
    })

    it('takes the later step when two steps share the code', () => {
      // Find a secret whose previous and next steps' codes collide: about one in a million, so search
      // over steps with a fixed secret instead, and accept whichever pair turns up first.
      const shared = findCollidingSteps()
      const at = new Date((shared.later - 1) * 30_000 + 5_000)
      expect(latestMatchingStep({ secret: shared.secret, code: shared.code, now: at })).toBe(shared.later)
    })
  })
})

/** Two steps two apart (both inside one window) with the same 6-digit code, for the tie rule. */
function findCollidingSteps(): { secret: Uint8Array; code: string; later: number } {
  const secret = new TextEncoder().encode('12345678901234567890')
  const codes = new Map<string, number>()
  for (let step = 0; step < 3_000_000; step++) {
    const code = totpCode({ secret, step })
    const earlier = codes.get(code)
    if (earlier !== undefined && step - earlier <= 2) return { secret, code, later: step }
    codes.set(code, step)
  }
  throw new Error('no colliding steps found')
}
