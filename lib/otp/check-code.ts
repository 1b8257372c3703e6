// Checks a code against the subject's guess budget as well as the code's own tries: a wrong guess
// claims one of the subject's slots (sliding-window.ts), a right code needs one free (engine.ts).
import type { Db } from '@/lib/db/client'
import { checkChallenge, type CheckChallengeResult } from './engine'
import type { OtpPolicy } from './policy'

export type CheckCodeResult = CheckChallengeResult

export async function checkCode(o: {
  db: Db
  now: Date
  scope: string
  subject: string
  code: string
  policy: Pick<OtpPolicy, 'guessBudget'>
}): Promise<CheckCodeResult> {
  const { db, now, scope, subject, code, policy } = o
  const guessBudget = policy.guessBudget ? { rule: { bucket: `otp-guess:${scope}`, ...policy.guessBudget }, subject } : undefined
  return checkChallenge({ db, now, scope, subject, code, guessBudget })
}
