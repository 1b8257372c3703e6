// The one OTP engine behind every code QR Door issues (login page, seeds 001, 003 and 004).
// Codes are stored only as keyed hashes. The rules that must hold when requests race — one success
// per code, no more wrong tries than allowed, nothing accepted after expiry — are each decided by a
// single conditional UPDATE whose WHERE carries the rule, so every app instance agrees on them.
import { randomUUID, timingSafeEqual } from 'node:crypto'
import type { Db } from '@/lib/db/client'
import type { OtpChallenge, Prisma } from '@/lib/db/generated/sqlite/client'
import { keyedHash } from '@/lib/secrets'
import { generateCode, normaliseCode, type CodeAlphabet } from './codes'
import { claimSlots, lockedUntil, releaseSlot, slotKeys, type GuessBudget } from './sliding-window'

export type { OtpChallenge }

export type OtpScope = 'login' | 'seed001' | 'seed003' | 'seed004'

/** How long expired challenges are kept, so that a late verify still hears "expired", not "unknown". */
export const EXPIRED_RETENTION_SECONDS = 3600

export function hashCode(challengeId: string, code: string, alphabet: CodeAlphabet): string {
  return keyedHash('otp-code', `${challengeId}:${normaliseCode(code, alphabet)}`)
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && timingSafeEqual(left, right)
}

export interface CreateChallengeOptions {
  db: Db
  now: Date
  scope: OtpScope
  /** Who the code is for within the scope; null for codes found by id only (seed 004). */
  subject: string | null
  length: number
  alphabet: CodeAlphabet
  ttlSeconds: number
  maxAttempts: number
  /** Canonical JSON that a verify must present again (seed 004's strict_validation). */
  boundData?: string | null
  channel?: 'email' | 'sms' | null
  destination?: string | null
  /**
   * Retire the subject's older codes in the same step (default). issueCode passes false and retires
   * them only once the new code's message went out, so a failed resend leaves the last code working.
   */
  retireOlder?: boolean
  /** Writes that commit with the new code or not at all (its message in the outbox), given its id and code. */
  alongside?: (challengeId: string, code: string) => Prisma.PrismaPromise<unknown>[]
}

/**
 * Issues a new code. A new code for a scope and subject retires the older ones, so that only the
 * latest code sent to someone works.
 */
export async function createChallenge(o: CreateChallengeOptions): Promise<{ challenge: OtpChallenge; code: string }> {
  const id = randomUUID()
  const code = generateCode(o.length, o.alphabet)
  await purgeExpiredChallenges({ db: o.db, now: o.now })
  const create = o.db.otpChallenge.create({
    data: {
      id,
      scope: o.scope,
      subject: o.subject,
      codeHash: hashCode(id, code, o.alphabet),
      alphabet: o.alphabet,
      length: o.length,
      maxAttempts: o.maxAttempts,
      boundData: o.boundData ?? null,
      channel: o.channel ?? null,
      destination: o.destination ?? null,
      createdAt: o.now,
      lastSentAt: o.now,
      expiresAt: new Date(o.now.getTime() + o.ttlSeconds * 1000),
    },
  })
  const retire =
    o.subject === null || o.retireOlder === false
      ? []
      : [o.db.otpChallenge.updateMany({ where: { scope: o.scope, subject: o.subject, consumedAt: null }, data: { consumedAt: o.now } })]
  const alongside = o.alongside?.(id, code) ?? []
  if (retire.length === 0 && alongside.length === 0) return { challenge: await create, code }
  const results = await o.db.$transaction([...retire, create, ...alongside])
  return { challenge: results[retire.length] as OtpChallenge, code }
}

/**
 * Makes the subject's other open codes unusable: only the latest code sent works. Codes created
 * after `keep` (a send that raced this one and finished first) stay; two sends in the same
 * millisecond retire each other, which fails safe: no code works and the person asks again.
 */
export async function retireOlderChallenges(o: { db: Db; now: Date; keep: OtpChallenge }) {
  await o.db.otpChallenge.updateMany({
    where: {
      scope: o.keep.scope,
      subject: o.keep.subject,
      consumedAt: null,
      id: { not: o.keep.id },
      createdAt: { lte: o.keep.createdAt },
    },
    data: { consumedAt: o.now },
  })
}

export type ChallengeTarget = { id: string; scope?: string } | { scope: string; subject: string }

export type VerifyFailureReason = 'not_found' | 'expired' | 'too_many_attempts' | 'invalid' | 'mismatch'

export type VerifyResult = { ok: true; challenge: OtpChallenge } | { ok: false; reason: VerifyFailureReason; attemptsLeft: number }

export type VerifyChallengeOptions = {
  db: Db
  now: Date
  code: string
  /** Canonical JSON presented with the code; compared when the challenge was bound to data. */
  boundData?: string | null
} & ChallengeTarget

/** The code that a verify for this target is checked against: the latest one not yet used. */
export async function findChallenge(o: { db: Db } & ChallengeTarget): Promise<OtpChallenge | null> {
  if ('id' in o) {
    const challenge = await o.db.sql.findChallengeById(o.id)
    if (!challenge || challenge.consumedAt || (o.scope !== undefined && challenge.scope !== o.scope)) return null
    return challenge
  }
  return o.db.sql.findOpenChallenge({ scope: o.scope, subject: o.subject })
}

/** Why a challenge cannot be used (any more) at `now`, or null when it still can. */
function unusableReason(challenge: OtpChallenge | null, now: Date): Exclude<VerifyFailureReason, 'invalid' | 'mismatch'> | null {
  if (!challenge || challenge.consumedAt) return 'not_found'
  if (challenge.expiresAt.getTime() <= now.getTime()) return 'expired'
  if (challenge.attempts >= challenge.maxAttempts) return 'too_many_attempts'
  return null
}

/**
 * Checks a code. A right code is consumed and a wrong one counts a try, each by one UPDATE that
 * only matches while the challenge is unused, unexpired and has tries left; when a parallel request
 * got there first, the UPDATE matches nothing and the challenge's new state gives the answer.
 */
export async function verifyChallenge(o: VerifyChallengeOptions): Promise<VerifyResult> {
  // Without a guess budget there is nothing to be locked out of.
  return (await checkChallenge(o)) as VerifyResult
}

export type CheckChallengeResult = VerifyResult | { ok: false; reason: 'locked_out'; retryAfterSeconds: number; attemptsLeft: 0 }

/**
 * verifyChallenge, with guess budgets when `guessBudgets` are given (check-code.ts; sign-in counts
 * per address and network and per address): a wrong code must first claim a slot of every budget
 * (all or none, in one statement), and a right code is consumed only while each has one free, in
 * the same statement. So a spent budget answers locked_out whatever the code, and right codes spend
 * nothing (one write, not a claim and a release around it).
 */
export async function checkChallenge(o: VerifyChallengeOptions & { guessBudgets?: GuessBudget[] }): Promise<CheckChallengeResult> {
  const { db, now } = o
  const budgets = o.guessBudgets ?? []
  const lockedOut = async (retryAfterSeconds?: number): Promise<CheckChallengeResult> => {
    const seconds = retryAfterSeconds ?? (((await lockedUntil({ db, now, budgets })) ?? now).getTime() - now.getTime()) / 1000
    return { ok: false, reason: 'locked_out', retryAfterSeconds: Math.max(1, Math.ceil(seconds)), attemptsLeft: 0 }
  }
  const challenge = await findChallenge(o)
  const unusable = unusableReason(challenge, now)
  if (unusable || !challenge) {
    const until = budgets.length > 0 ? await lockedUntil({ db, now, budgets }) : null
    if (until) return lockedOut((until.getTime() - now.getTime()) / 1000)
    return { ok: false, reason: unusable ?? 'not_found', attemptsLeft: 0 }
  }

  const codeMatches = sameHash(hashCode(challenge.id, o.code, challenge.alphabet as CodeAlphabet), challenge.codeHash)
  const dataMatches = challenge.boundData === null || challenge.boundData === (o.boundData ?? null)
  const usable = { id: challenge.id, now, maxAttempts: challenge.maxAttempts }

  if (codeMatches && dataMatches) {
    const outcome = await db.sql.consumeChallenge({ ...usable, budgets: budgets.map((budget) => slotKeys(budget.rule, budget.subject)) })
    if (outcome === 'consumed') return { ok: true, challenge: { ...challenge, consumedAt: now } }
    if (outcome === 'budget_spent') return lockedOut()
  } else {
    const claim = budgets.length > 0 ? await claimSlots({ db, now, budgets }) : null
    if (claim && !claim.ok) return lockedOut(claim.retryAfterSeconds)
    const attempts = await db.sql.countWrongAttempt(usable)
    if (attempts !== null) {
      return {
        ok: false,
        reason: codeMatches ? 'mismatch' : 'invalid',
        attemptsLeft: Math.max(0, challenge.maxAttempts - attempts),
      }
    }
    // The code became unusable meanwhile: this guess was not one.
    if (claim?.ok) await Promise.all(claim.slotKeys.map((slotKey) => releaseSlot({ db, slotKey })))
  }
  const current = await db.sql.findChallengeById(challenge.id)
  return { ok: false, reason: unusableReason(current, now) ?? 'not_found', attemptsLeft: 0 }
}

/** The latest unused code of a scope and subject, expired or not (what a resend replaces). */
export async function latestChallenge(o: { db: Db; scope: string; subject: string }): Promise<OtpChallenge | null> {
  return findChallenge(o)
}

/** Makes a code unusable, e.g. when its message could not be delivered. */
export async function discardChallenge(o: { db: Db; id: string; now: Date }): Promise<void> {
  await o.db.otpChallenge.updateMany({ where: { id: o.id, consumedAt: null }, data: { consumedAt: o.now } })
}

/** Deletes challenges that expired more than EXPIRED_RETENTION_SECONDS ago (used ones included). */
export async function purgeExpiredChallenges(o: { db: Db; now: Date; retentionSeconds?: number }): Promise<number> {
  const cutoff = new Date(o.now.getTime() - (o.retentionSeconds ?? EXPIRED_RETENTION_SECONDS) * 1000)
  const { count } = await o.db.otpChallenge.deleteMany({ where: { expiresAt: { lt: cutoff } } })
  return count
}
