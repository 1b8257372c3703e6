// Checks a code against guess budgets as well as the code's own tries: a wrong guess claims a slot
// of every budget (sliding-window.ts), a right code needs one free in each (engine.ts).
import type { Db } from '@/lib/db/client'
import { checkChallenge, type CheckChallengeResult } from './engine'
import type { OtpPolicy } from './policy'
import type { GuessBudget } from './sliding-window'

export type CheckCodeResult = CheckChallengeResult

export async function checkCode(o: {
  db: Db
  now: Date
  scope: string
  subject: string
  code: string
  policy: Pick<OtpPolicy, 'guessBudget'>
  /** Budgets of the caller's own instead of the policy's one per subject (sign-in: per address and network). */
  guessBudgets?: GuessBudget[]
}): Promise<CheckCodeResult> {
  const { db, now, scope, subject, code, policy } = o
  const guessBudgets =
    o.guessBudgets ?? (policy.guessBudget ? [{ rule: { bucket: `otp-guess:${scope}`, ...policy.guessBudget }, subject }] : [])
  return checkChallenge({ db, now, scope, subject, code, guessBudgets })
}
