// RFC 6238 TOTP as authenticator apps and the seed compute it: HMAC-SHA-1, 30-second steps from the
// Unix epoch. Everything is in steps computed from a `now` the caller passes, so that the replay
// guard (User.lastTotpStep) and tests can reason about exact steps instead of wall-clock time.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const TOTP_PERIOD_SECONDS = 30
export const TOTP_DIGITS = 6
/** Steps accepted on either side of the current one, for clock drift and scanning delay. */
export const TOTP_WINDOW_STEPS = 1

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS)
}

/** When `step` begins, in milliseconds since the epoch. */
export function stepStartMs(step: number): number {
  return step * TOTP_PERIOD_SECONDS * 1000
}

/**
 * RFC 4226 HOTP of the step (RFC 6238 TOTP), HMAC-SHA-1 with dynamic truncation. Written out on
 * node:crypto because every scan computes three codes and otplib's generateSync costs ~20 µs a code
 * here (option checks, its own HMAC plumbing) against ~2 µs; totp.test.ts checks it against the RFC
 * vectors and against otplib for random secrets and steps.
 */
export function totpCode(options: { secret: Uint8Array; step: number; digits?: 6 | 8 }): string {
  const digits = options.digits ?? TOTP_DIGITS
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(options.step))
  const mac = createHmac('sha1', options.secret).update(counter).digest()
  const offset = mac[mac.length - 1]! & 0x0f
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/**
 * The latest accepted step at `now` whose code is `code`, or null. Two steps can share a code by
 * chance; the later one is the one to accept (it burns both). Newest first, so a right code costs
 * one or two HMACs rather than three.
 */
export function latestMatchingStep(options: { secret: Uint8Array; code: string; now: Date }): number | null {
  const given = Buffer.from(options.code)
  const steps = acceptedSteps(options.now).sort((a, b) => b - a)
  for (const step of steps) {
    const expected = Buffer.from(totpCode({ secret: options.secret, step }))
    if (expected.length === given.length && timingSafeEqual(expected, given)) return step
  }
  return null
}

/** The steps whose codes are accepted at `now`, current step first. */
export function acceptedSteps(now: Date): number[] {
  const current = totpStep(now)
  const steps = [current]
  for (let offset = 1; offset <= TOTP_WINDOW_STEPS; offset++) steps.push(current - offset, current + offset)
  return steps
}
