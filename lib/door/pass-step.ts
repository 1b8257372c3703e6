// Which code a pass shows. Not simply the current step's: after a granted scan that step is used up,
// so the next one is shown at once (it is already accepted, one step ahead). The current step is
// preferred over the previous one, which is also accepted, because it stays valid 30 s longer.
import { stepStartMs, totpStep, TOTP_WINDOW_STEPS } from './totp'

export interface PassStep {
  step: number
  /** When the pass moves on to another code (unless this one is used first). */
  rotatesAt: Date
  /** When a kiosk starts accepting this code: `now`, unless the next step was used already too. */
  usableAt: Date
}

export function passStep(options: { now: Date; lastTotpStep: number | null }): PassStep {
  const { now, lastTotpStep } = options
  const current = totpStep(now)
  const step = lastTotpStep === null ? current : Math.max(current, lastTotpStep + 1)
  const usableFrom = stepStartMs(step - TOTP_WINDOW_STEPS)
  return {
    step,
    rotatesAt: new Date(stepStartMs(step + 1)),
    usableAt: new Date(Math.max(now.getTime(), usableFrom)),
  }
}
