// Checks a code against the subject's guess budget as well as the code's own tries: a guess first
// claims one of the subject's slots (see sliding-window.ts), and gives it back unless it was wrong.
import type { Db } from '@/lib/db/client'
import { verifyChallenge, type VerifyResult } from './engine'
import type { OtpPolicy } from './policy'
import { claimSlot, releaseSlot } from './sliding-window'

export type CheckCodeResult = VerifyResult | { ok: false; reason: 'locked_out'; retryAfterSeconds: number; attemptsLeft: 0 }

export async function checkCode(o: {
  db: Db
  now: Date
  scope: string
  subject: string
  code: string
  policy: Pick<OtpPolicy, 'guessBudget'>
}): Promise<CheckCodeResult> {
  const { db, now, scope, subject, code, policy } = o
  if (!policy.guessBudget) return verifyChallenge({ db, now, scope, subject, code })
  const claim = await claimSlot({ db, now, rule: { bucket: `otp-guess:${scope}`, ...policy.guessBudget }, subject })
  if (!claim.ok) return { ok: false, reason: 'locked_out', retryAfterSeconds: claim.retryAfterSeconds, attemptsLeft: 0 }
  const result = await verifyChallenge({ db, now, scope, subject, code })
  if (result.ok || (result.reason !== 'invalid' && result.reason !== 'mismatch')) {
    await releaseSlot({ db, slotKey: claim.slotKey })
  }
  return result
}
