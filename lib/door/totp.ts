// RFC 6238 TOTP as authenticator apps and the seed compute it: HMAC-SHA-1, 30-second steps from the
// Unix epoch. Everything is in steps computed from a `now` the caller passes, so that the replay
// guard (User.lastTotpStep) and tests can reason about exact steps instead of wall-clock time.
import { generateSync } from 'otplib'

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

export function totpCode(options: { secret: Uint8Array; step: number; digits?: 6 | 8 }): string {
  return generateSync({
    strategy: 'totp',
    secret: options.secret,
    algorithm: 'sha1',
    digits: options.digits ?? TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch: options.step * TOTP_PERIOD_SECONDS,
  })
}

/** The steps whose codes are accepted at `now`, current step first. */
export function acceptedSteps(now: Date): number[] {
  const current = totpStep(now)
  const steps = [current]
  for (let offset = 1; offset <= TOTP_WINDOW_STEPS; offset++) steps.push(current - offset, current + offset)
  return steps
}
