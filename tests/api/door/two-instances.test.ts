// Two app instances on one database: a second handle from createDb (its own Prisma client and its
// own statement connection or pool) next to the app's `db`, with parallel work split between them.
// The rules that must hold across instances — one grant per code, the scan guess budget, one
// success per OTP code, no more wrong tries than allowed, no more slots than the limit — are
// decided inside the database, so they hold here as they do within one instance.
import { afterAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { closeDb, createDb, type Db } from '@/lib/db/client'
import { SCAN_GUESS_BUDGET, validateScan } from '@/lib/door/validate-scan'
import { createChallenge, verifyChallenge } from '@/lib/otp/engine'
import { claimSlot } from '@/lib/otp/sliding-window'
import { createPassUser, passOf as passOfAt, wrongCodeFor } from './fixtures'

const now = new Date('2026-09-14T08:30:05Z')
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000)

const second = createDb(process.env.DATABASE_URL!).db
afterAll(() => closeDb(second))

/** Runs `work` `times` times at once, on the two instances in turn. */
function onBoth<T>(times: number, work: (instance: Db, index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: times }, (_, index) => work(index % 2 === 0 ? db : second, index)))
}

const passOf = (userId: string, at = now) => passOfAt(userId, at)

/** A code that differs from `code` in its first digit. */
const wrongOtp = (code: string) => code.replace(/^./, (c) => (c === '9' ? '0' : String(Number(c) + 1)))

const numeric = { length: 6, alphabet: 'numeric' as const, ttlSeconds: 300, maxAttempts: 3 }

describe('two app instances on one database', () => {
  it('are really two: their own Prisma client and their own statements', async () => {
    expect(second).not.toBe(db)
    expect(second.sql).not.toBe(db.sql)
    expect(second.sql.dialect).toBe(db.sql.dialect)
    // Each sees what the other wrote.
    const user = await createPassUser({ name: 'Seen' })
    expect(await second.sql.findPassHolder(user.id)).toMatchObject({ id: user.id, name: 'Seen', disabled: false })
  })

  it('grant exactly once among 40 parallel scans of one pass', async () => {
    const user = await createPassUser()
    const pass = await passOf(user.id)
    const results = await onBoth(40, (instance) => validateScan({ db: instance, now, input: pass, grantSeconds: 30 }))
    expect(results.filter((result) => result.granted)).toHaveLength(1)
    expect(results.filter((result) => !result.granted).map((result) => result.reason)).toEqual(Array(39).fill('replay'))
    expect(await db.accessEvent.count({ where: { userId: user.id } })).toBe(40)
    expect(await db.accessEvent.count({ where: { userId: user.id, result: 'granted' } })).toBe(1)
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).grantedAt).toEqual(now)
  })

  it('answer no more wrong codes at one pass than its guess budget, and refuse the rest with 429', async () => {
    const target = await createPassUser({ name: 'Target' })
    const bystander = await createPassUser({ name: 'Bystander' })
    const right = await passOf(target.id)
    const wrong = wrongCodeFor(right)
    const settled = await Promise.allSettled(
      Array.from({ length: 40 }, (_, index) => validateScan({ db: index % 2 === 0 ? db : second, now, input: wrong })),
    )
    const answered = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []))
    const refused = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as { status?: number }] : []))
    expect(answered.map((result) => result.reason)).toEqual(Array(SCAN_GUESS_BUDGET.limit).fill('wrong_code'))
    expect(refused.map((error) => error.status)).toEqual(Array(40 - SCAN_GUESS_BUDGET.limit).fill(429))
    // Only the answered guesses left an access event; the refused ones were not counted at all.
    expect(await db.accessEvent.count({ where: { userId: target.id } })).toBe(SCAN_GUESS_BUDGET.limit)

    // The budget is spent on both instances, even for the right code.
    await expect(validateScan({ db, now: later(1), input: right })).rejects.toMatchObject({ status: 429 })
    await expect(validateScan({ db: second, now: later(1), input: right })).rejects.toMatchObject({ status: 429 })
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).grantedAt).toBeNull()
    // Another pass is not touched.
    expect(await validateScan({ db: second, now: later(1), input: await passOf(bystander.id, later(1)) })).toMatchObject({
      granted: true,
      userId: bystander.id,
    })
  })

  it('let exactly one of 40 parallel right answers to one code succeed', async () => {
    const subject = `two-instances-${Math.random().toString(36).slice(2)}`
    const { challenge, code } = await createChallenge({ db: second, now, scope: 'seed003', subject, ...numeric })
    const results = await onBoth(40, (instance) => verifyChallenge({ db: instance, now: later(5), scope: 'seed003', subject, code }))
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.reason)).toEqual(Array(39).fill('not_found'))
    expect((await db.otpChallenge.findUniqueOrThrow({ where: { id: challenge.id } })).consumedAt).toEqual(later(5))
  })

  it('count no more than maxAttempts of 40 parallel wrong answers', async () => {
    const { challenge, code } = await createChallenge({ db, now, scope: 'seed004', subject: null, ...numeric, maxAttempts: 3 })
    const results = await onBoth(40, (instance) => verifyChallenge({ db: instance, now: later(5), id: challenge.id, code: wrongOtp(code) }))
    const counted = results.filter((result) => !result.ok && result.reason === 'invalid')
    expect(counted.map((result) => (result.ok ? -1 : result.attemptsLeft)).sort()).toEqual([0, 1, 2])
    expect(results.filter((result) => !result.ok && result.reason === 'too_many_attempts')).toHaveLength(37)
    expect((await second.otpChallenge.findUniqueOrThrow({ where: { id: challenge.id } })).attempts).toBe(3)
    // Locked on both instances, even for the right code.
    expect(await verifyChallenge({ db: second, now: later(6), id: challenge.id, code })).toMatchObject({ reason: 'too_many_attempts' })
    expect(await verifyChallenge({ db, now: later(6), id: challenge.id, code })).toMatchObject({ reason: 'too_many_attempts' })
  })

  it('grant exactly the limit to 40 parallel slot claims', async () => {
    const rule = { bucket: 'two-instances', limit: 10, windowSeconds: 3600 }
    const subject = `claims-${Math.random().toString(36).slice(2)}`
    const claims = await onBoth(40, (instance) => claimSlot({ db: instance, now, rule, subject }))
    expect(claims.filter((claim) => claim.ok)).toHaveLength(10)
    expect(new Set(claims.flatMap((claim) => (claim.ok ? [claim.slotKey] : []))).size).toBe(10)
    expect(claims.filter((claim) => !claim.ok)).toEqual(Array(30).fill({ ok: false, retryAfterSeconds: 3600 }))
    expect((await claimSlot({ db: second, now: later(1), rule, subject })).ok).toBe(false)
  })
})
