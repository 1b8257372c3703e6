import type { CodeAlphabet } from './codes'
import type { SlidingWindowRule } from './sliding-window'

/** The rules one kind of code lives by; each API names its own. */
export interface OtpPolicy {
  length: number
  alphabet: CodeAlphabet
  ttlSeconds: number
  /** Wrong tries that end one code. */
  maxAttempts: number
  /** Least time between two codes sent to one subject (the resend wait). */
  resendCooldownSeconds?: number
  /** Wrong guesses allowed per subject in any window, over all its codes, so resends add none. */
  guessBudget?: Omit<SlidingWindowRule, 'bucket'>
}
