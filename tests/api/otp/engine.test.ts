// The OTP engine against the real database (SQLite, and PostgreSQL when TEST_POSTGRES_URL is set).
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { checkCode } from '@/lib/otp/check-code'
import { createChallenge, discardChallenge, hashCode, latestChallenge, purgeExpiredChallenges, verifyChallenge } from '@/lib/otp/engine'
import { claimSlot, releaseSlot } from '@/lib/otp/sliding-window'

const t0 = new Date('2026-03-01T10:00:00Z')
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)
let counter = 0
const subject = () => `subject-${++counter}-${Math.random().toString(36).slice(2)}`

const numeric = { length: 6, alphabet: 'numeric' as const, ttlSeconds: 300, maxAttempts: 3 }

function wrong(code: string): string {
  return code.replace(/^./, (c) => (c === '9' ? '0' : String(Number(c) + 1)))
}

describe('createChallenge', () => {
  it('stores only a keyed hash of the code, bound to the challenge id', async () => {
    const { challenge, code } = await createChallenge({ db, now: t0, scope: 'seed003', subject: subject(), ...numeric })
    expect(code).toMatch(/^\d{6}$/)
    const row = await db.otpChallenge.findUniqueOrThrow({ where: { id: challenge.id } })
    expect(row.codeHash).toBe(hashCode(challenge.id, code, 'numeric'))
    expect(row.codeHash).not.toContain(code)
    expect(JSON.stringify(row)).not.toContain(`"${code}"`)
    expect(row.expiresAt.getTime()).toBe(at(300).getTime())
    // The same code under another id hashes differently: a leaked hash table cannot be matched up.
    expect(hashCode('another-id', code, 'numeric')).not.toBe(row.codeHash)
  })

  it('retires the older codes of the same scope and subject only', async () => {
    const who = subject()
    const first = await createChallenge({ db, now: t0, scope: 'seed003', subject: who, ...numeric })
    const elsewhere = await createChallenge({ db, now: t0, scope: 'seed001', subject: who, ...numeric })
    const second = await createChallenge({ db, now: at(1), scope: 'seed003', subject: who, ...numeric })
    expect(await verifyChallenge({ db, now: at(2), scope: 'seed003', subject: who, code: first.code })).toMatchObject(
      first.code === second.code ? { ok: true } : { ok: false, reason: 'invalid' },
    )
    const old = await db.otpChallenge.findUniqueOrThrow({ where: { id: first.challenge.id } })
    expect(old.consumedAt).not.toBeNull()
    expect((await db.otpChallenge.findUniqueOrThrow({ where: { id: elsewhere.challenge.id } })).consumedAt).toBeNull()
  })
})

describe('verifyChallenge', () => {
  it('accepts the right code once, then answers not_found', async () => {
    const who = subject()
    const { code } = await createChallenge({ db, now: t0, scope: 'seed003', subject: who, ...numeric })
    expect(await verifyChallenge({ db, now: at(10), scope: 'seed003', subject: who, code })).toMatchObject({ ok: true })
    expect(await verifyChallenge({ db, now: at(11), scope: 'seed003', subject: who, code })).toEqual({
      ok: false,
      reason: 'not_found',
      attemptsLeft: 0,
    })
  })

  it('counts wrong codes and locks the code after maxAttempts, even for the right code', async () => {
    const who = subject()
    const { code } = await createChallenge({ db, now: t0, scope: 'seed003', subject: who, ...numeric })
    const tries = []
    for (let i = 0; i < 3; i++) tries.push(await verifyChallenge({ db, now: at(1), scope: 'seed003', subject: who, code: wrong(code) }))
    expect(tries).toEqual([
      { ok: false, reason: 'invalid', attemptsLeft: 2 },
      { ok: false, reason: 'invalid', attemptsLeft: 1 },
      { ok: false, reason: 'invalid', attemptsLeft: 0 },
    ])
    expect(await verifyChallenge({ db, now: at(2), scope: 'seed003', subject: who, code })).toMatchObject({
      ok: false,
      reason: 'too_many_attempts',
    })
  })

  it('refuses a code at and after its expiry without counting a try', async () => {
    const who = subject()
    const { challenge, code } = await createChallenge({ db, now: t0, scope: 'seed003', subject: who, ...numeric })
    expect(await verifyChallenge({ db, now: at(300), scope: 'seed003', subject: who, code })).toMatchObject({ reason: 'expired' })
    expect(await verifyChallenge({ db, now: at(299), scope: 'seed003', subject: who, code: wrong(code) })).toMatchObject({
      reason: 'invalid',
    })
    expect((await db.otpChallenge.findUniqueOrThrow({ where: { id: challenge.id } })).attempts).toBe(1)
    expect(await verifyChallenge({ db, now: at(299.9), scope: 'seed003', subject: who, code })).toMatchObject({ ok: true })
  })

  it('finds seed 004 codes by id within their scope only', async () => {
    const { challenge, code } = await createChallenge({ db, now: t0, scope: 'seed004', subject: null, ...numeric })
    expect(await verifyChallenge({ db, now: at(1), id: challenge.id, scope: 'login', code })).toMatchObject({ reason: 'not_found' })
    expect(await verifyChallenge({ db, now: at(1), id: challenge.id, scope: 'seed004', code })).toMatchObject({ ok: true })
  })

  it('compares alphanumeric codes case-insensitively', async () => {
    const { challenge, code } = await createChallenge({
      db,
      now: t0,
      scope: 'seed004',
      subject: null,
      ...numeric,
      length: 10,
      alphabet: 'alphanumeric',
    })
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/)
    expect(await verifyChallenge({ db, now: at(1), id: challenge.id, code: code.toLowerCase() })).toMatchObject({ ok: true })
  })

  it('checks bound data after the code; a mismatch uses a try', async () => {
    const { challenge, code } = await createChallenge({ db, now: t0, scope: 'seed004', subject: null, ...numeric, boundData: '{"a":1}' })
    expect(await verifyChallenge({ db, now: at(1), id: challenge.id, code, boundData: '{"a":2}' })).toEqual({
      ok: false,
      reason: 'mismatch',
      attemptsLeft: 2,
    })
    expect(await verifyChallenge({ db, now: at(1), id: challenge.id, code: wrong(code), boundData: '{"a":1}' })).toMatchObject({
      reason: 'invalid',
      attemptsLeft: 1,
    })
    expect(await verifyChallenge({ db, now: at(1), id: challenge.id, code, boundData: '{"a":1}' })).toMatchObject({ ok: true })
  })

  it('lets exactly one of 40 parallel right answers succeed', async () => {
    const who = subject()
    const { challenge, code } = await createChallenge({ db, now: t0, scope: 'seed003', subject: who, ...numeric })
    const results = await Promise.all(
      Array.from({ length: 40 }, () => verifyChallenge({ db, now: at(5), scope: 'seed003', subject: who, code })),
    )
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.filter((result) => !result.ok).every((result) => !result.ok && result.reason === 'not_found')).toBe(true)
    expect((await db.otpChallenge.findUniqueOrThrow({ where: { id: challenge.id } })).consumedAt).not.toBeNull()
  })

  it('counts no more than maxAttempts of 40 parallel wrong answers', async () => {
    const { challenge, code } = await createChallenge({ db, now: t0, scope: 'seed004', subject: null, ...numeric, maxAttempts: 5 })
    const results = await Promise.all(
      Array.from({ length: 40 }, () => verifyChallenge({ db, now: at(5), id: challenge.id, code: wrong(code) })),
    )
    const counted = results.filter((result) => !result.ok && result.reason === 'invalid')
    expect(counted).toHaveLength(5)
    expect(counted.map((result) => (result.ok ? -1 : result.attemptsLeft)).sort()).toEqual([0, 1, 2, 3, 4])
    expect(results.filter((result) => !result.ok && result.reason === 'too_many_attempts')).toHaveLength(35)
    expect((await db.otpChallenge.findUniqueOrThrow({ where: { id: challenge.id } })).attempts).toBe(5)
    expect(await verifyChallenge({ db, now: at(6), id: challenge.id, code })).toMatchObject({ reason: 'too_many_attempts' })
  })
})

describe('latestChallenge, discardChallenge, purgeExpiredChallenges', () => {
  it('finds the latest unused code and forgets discarded ones', async () => {
    const who = subject()
    expect(await latestChallenge({ db, scope: 'seed001', subject: who })).toBeNull()
    const { challenge, code } = await createChallenge({ db, now: t0, scope: 'seed001', subject: who, ...numeric })
    expect((await latestChallenge({ db, scope: 'seed001', subject: who }))?.id).toBe(challenge.id)
    await discardChallenge({ db, id: challenge.id, now: at(1) })
    expect(await latestChallenge({ db, scope: 'seed001', subject: who })).toBeNull()
    expect(await verifyChallenge({ db, now: at(2), scope: 'seed001', subject: who, code })).toMatchObject({ reason: 'not_found' })
  })

  it('purges codes an hour after they expired, used or not', async () => {
    const early = new Date('2020-01-01T00:00:00Z')
    const kept = await createChallenge({ db, now: early, scope: 'seed003', subject: subject(), ...numeric })
    const used = await createChallenge({ db, now: early, scope: 'seed003', subject: subject(), ...numeric })
    await discardChallenge({ db, id: used.challenge.id, now: early })
    const justExpired = new Date(early.getTime() + 300_000 + 3_599_000)
    await purgeExpiredChallenges({ db, now: justExpired })
    expect(await db.otpChallenge.count({ where: { id: { in: [kept.challenge.id, used.challenge.id] } } })).toBe(2)
    const removed = await purgeExpiredChallenges({ db, now: new Date(justExpired.getTime() + 2_000) })
    expect(removed).toBeGreaterThanOrEqual(2)
    expect(await db.otpChallenge.count({ where: { id: { in: [kept.challenge.id, used.challenge.id] } } })).toBe(0)
  })
})

describe('sliding-window slots', () => {
  const rule = { bucket: 'test-slots', limit: 10, windowSeconds: 3600 }

  it('grants exactly the limit to 40 parallel claims', async () => {
    const who = subject()
    const claims = await Promise.all(Array.from({ length: 40 }, () => claimSlot({ db, now: t0, rule, subject: who })))
    expect(claims.filter((claim) => claim.ok)).toHaveLength(10)
    expect(new Set(claims.flatMap((claim) => (claim.ok ? [claim.slotKey] : []))).size).toBe(10)
    expect(claims.find((claim) => !claim.ok)).toEqual({ ok: false, retryAfterSeconds: 3600 })
  })

  it('grants exactly the limit to 40 parallel claims on slots that have expired', async () => {
    const who = subject()
    for (let i = 0; i < 10; i++) expect((await claimSlot({ db, now: t0, rule, subject: who })).ok).toBe(true)
    const hourLater = new Date(t0.getTime() + 3600_000)
    const claims = await Promise.all(Array.from({ length: 40 }, () => claimSlot({ db, now: hourLater, rule, subject: who })))
    expect(claims.filter((claim) => claim.ok)).toHaveLength(10)
  })

  it('holds the limit over any window, not per fixed window', async () => {
    const who = subject()
    // Nine claims shortly before a full hour and more right after it: a fixed window would reset.
    const before = new Date('2026-03-01T10:59:50Z')
    for (let i = 0; i < 9; i++) expect((await claimSlot({ db, now: before, rule, subject: who })).ok).toBe(true)
    const after = new Date('2026-03-01T11:00:10Z')
    expect((await claimSlot({ db, now: after, rule, subject: who })).ok).toBe(true)
    expect(await claimSlot({ db, now: after, rule, subject: who })).toEqual({ ok: false, retryAfterSeconds: 3580 })
    expect((await claimSlot({ db, now: new Date('2026-03-01T11:59:50Z'), rule, subject: who })).ok).toBe(true)
  })

  it('gives a released slot back', async () => {
    const who = subject()
    const one = { ...rule, limit: 1 }
    const claim = await claimSlot({ db, now: t0, rule: one, subject: who })
    expect(claim.ok).toBe(true)
    expect((await claimSlot({ db, now: t0, rule: one, subject: who })).ok).toBe(false)
    if (claim.ok) await releaseSlot({ db, slotKey: claim.slotKey })
    expect((await claimSlot({ db, now: t0, rule: one, subject: who })).ok).toBe(true)
  })
})

describe('checkCode with a guess budget', () => {
  const policy = { guessBudget: { limit: 4, windowSeconds: 3600 } }

  it('counts only wrong guesses against the subject, over all its codes', async () => {
    const who = subject()
    let issued = await createChallenge({ db, now: t0, scope: 'seed001', subject: who, ...numeric })
    for (let i = 0; i < 3; i++) {
      expect(await checkCode({ db, now: at(1), scope: 'seed001', subject: who, code: wrong(issued.code), policy })).toMatchObject({
        reason: 'invalid',
      })
    }
    // Locked code: answered without using the budget.
    expect(await checkCode({ db, now: at(2), scope: 'seed001', subject: who, code: issued.code, policy })).toMatchObject({
      reason: 'too_many_attempts',
    })
    issued = await createChallenge({ db, now: at(60), scope: 'seed001', subject: who, ...numeric })
    expect(await checkCode({ db, now: at(61), scope: 'seed001', subject: who, code: wrong(issued.code), policy })).toMatchObject({
      reason: 'invalid',
      attemptsLeft: 2,
    })
    expect(await checkCode({ db, now: at(62), scope: 'seed001', subject: who, code: issued.code, policy })).toEqual({
      ok: false,
      reason: 'locked_out',
      retryAfterSeconds: 3539,
      attemptsLeft: 0,
    })
  })

  it('gives the slot back for a right code', async () => {
    const who = subject()
    for (let i = 0; i < 6; i++) {
      const issued = await createChallenge({ db, now: at(i * 60), scope: 'seed001', subject: who, ...numeric })
      expect(await checkCode({ db, now: at(i * 60 + 1), scope: 'seed001', subject: who, code: issued.code, policy })).toMatchObject({
        ok: true,
      })
    }
  })
})
