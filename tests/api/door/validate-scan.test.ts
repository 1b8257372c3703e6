// The door rules with a controlled clock: which steps are accepted, replays, grants and their
// window, disabled users, resets, and the single grant under parallel scans.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { currentPass } from '@/lib/door/current-pass'
import { getDoorState } from '@/lib/door/door-state'
import { issueDoorPass } from '@/lib/door/issue-door-pass'
import { formatQrString } from '@/lib/door/qr-string'
import { resetDoorPass } from '@/lib/door/reset-door-pass'
import { totpCode, totpStep } from '@/lib/door/totp'
import { decryptTotpSecret } from '@/lib/door/totp-secret'
import { validateScan } from '@/lib/door/validate-scan'
import type { Db } from '@/lib/db/client'
import { createPassUser } from './fixtures'

const t0 = new Date('2026-05-04T10:00:05Z')
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)
const step0 = totpStep(t0)

async function passFor(userId: string, step: number): Promise<string> {
  const { totpSecretEnc } = await db.user.findUniqueOrThrow({ where: { id: userId } })
  const secret = decryptTotpSecret({ encrypted: totpSecretEnc!, userId })!
  return formatQrString(userId, totpCode({ secret, step }))
}

const scanAt = (now: Date, input: string) => validateScan({ db, now, input, grantSeconds: 30 })

/**
 * The database, except that `change` runs once, right after the first read of a user: the scan's
 * read of the pass holder (a prepared statement) or Prisma's (issuing a pass).
 */
function changingAfterRead(change: () => Promise<unknown>): Db {
  let changed = false
  const afterFirstRead =
    <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      const row = await read(...args)
      if (!changed) {
        changed = true
        await change()
      }
      return row
    }
  const sql = new Proxy(db.sql, {
    get: (statements, name) => (name === 'findPassHolder' ? afterFirstRead(statements.findPassHolder) : Reflect.get(statements, name)),
  })
  const users = new Proxy(db.user, {
    get: (target, name) => (name === 'findUnique' ? afterFirstRead(target.findUnique.bind(target)) : Reflect.get(target, name)),
  })
  return new Proxy(db, {
    get: (target, name) => (name === 'sql' ? sql : name === 'user' ? users : Reflect.get(target, name)),
  }) as Db
}

describe('validateScan', () => {
  it('accepts the current step and one either side, nothing further', async () => {
    for (const [offset, granted] of [
      [-2, false],
      [-1, true],
      [0, true],
      [1, true],
      [2, false],
    ] as const) {
      const user = await createPassUser()
      const result = await scanAt(t0, await passFor(user.id, step0 + offset))
      expect(result, `step offset ${offset}`).toMatchObject({ granted, reason: granted ? 'granted' : 'wrong_code' })
    }
  })

  it('accepts each code once, and no older code after a newer one', async () => {
    const user = await createPassUser({ name: 'Grace' })
    const current = await passFor(user.id, step0)
    expect(await scanAt(t0, current)).toMatchObject({ granted: true, reason: 'granted', userId: user.id, userName: 'Grace' })
    expect(await scanAt(at(1), current)).toMatchObject({ granted: false, reason: 'replay', userId: user.id })
    expect(await scanAt(at(1), await passFor(user.id, step0 - 1))).toMatchObject({ granted: false, reason: 'replay' })
    expect(await scanAt(at(1), await passFor(user.id, step0 + 1))).toMatchObject({ granted: true })
  })

  it('grants for grantSeconds from the stored grant time', async () => {
    const user = await createPassUser()
    const result = await scanAt(t0, await passFor(user.id, step0))
    expect(result.grantedUntil).toEqual(at(30))
    expect(await getDoorState({ db, now: at(29.999), userId: user.id, grantSeconds: 30 })).toBe(true)
    expect(await getDoorState({ db, now: at(30), userId: user.id, grantSeconds: 30 })).toBe(false)
    expect(await getDoorState({ db, now: at(50), userId: user.id, grantSeconds: 60 })).toBe(true)
    const { grantedAt, lastTotpStep } = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(grantedAt).toEqual(t0)
    expect(lastTotpStep).toBe(step0)
  })

  it('never lets a failed scan end or move a running grant', async () => {
    const user = await createPassUser()
    const pass = await passFor(user.id, step0)
    await scanAt(t0, pass)
    const wrong = pass.replace(/_\d{6}$/, (code) => (code === '_000000' ? '_000001' : '_000000'))
    for (const input of [pass, wrong, 'garbage', await passFor(user.id, step0 + 5)]) {
      expect((await scanAt(at(5), input)).granted).toBe(false)
    }
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.grantedAt).toEqual(t0)
    expect(row.lastTotpStep).toBe(step0)
    expect(await getDoorState({ db, now: at(10), userId: user.id, grantSeconds: 30 })).toBe(true)
  })

  it('denies a disabled user, even with a right code, without touching their row', async () => {
    const user = await createPassUser({ disabled: true })
    expect(await scanAt(t0, await passFor(user.id, step0))).toMatchObject({ granted: false, reason: 'disabled_user' })
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.lastTotpStep).toBeNull()
    expect(row.grantedAt).toBeNull()
  })

  it('records every scan, keeping the input only where there is no user to point at', async () => {
    const user = await createPassUser()
    const pass = await passFor(user.id, step0)
    const results = [
      await scanAt(t0, pass),
      await scanAt(t0, pass),
      await scanAt(t0, formatQrString('ghost', '123456')),
      await scanAt(t0, 'x'.repeat(500)),
    ]
    const events = await db.accessEvent.findMany({ where: { id: { in: results.map((r) => r.eventId) } }, orderBy: { id: 'asc' } })
    expect(events.map(({ result, reason, userId, input, at }) => ({ result, reason, userId, input, at }))).toEqual([
      { result: 'granted', reason: 'granted', userId: user.id, input: null, at: t0 },
      { result: 'denied', reason: 'replay', userId: user.id, input: null, at: t0 },
      { result: 'denied', reason: 'unknown_user', userId: null, input: formatQrString('ghost', '123456'), at: t0 },
      { result: 'denied', reason: 'malformed', userId: null, input: 'x'.repeat(200), at: t0 },
    ])
  })

  it('refuses the code when the user is reset or disabled between its read and the grant', async () => {
    const reset = await createPassUser()
    const resetResult = await validateScan({
      db: changingAfterRead(() => resetDoorPass({ db, userId: reset.id })),
      now: t0,
      input: await passFor(reset.id, step0),
    })
    expect(resetResult).toMatchObject({ granted: false, reason: 'wrong_code' })

    const disabled = await createPassUser()
    const disabledResult = await validateScan({
      db: changingAfterRead(() => db.user.update({ where: { id: disabled.id }, data: { disabled: true } })),
      now: t0,
      input: await passFor(disabled.id, step0),
    })
    expect(disabledResult).toMatchObject({ granted: false, reason: 'disabled_user' })
    for (const id of [reset.id, disabled.id]) {
      expect((await db.user.findUniqueOrThrow({ where: { id } })).grantedAt).toBeNull()
    }
  })

  it('grants exactly once among 40 parallel scans of one pass', async () => {
    const user = await createPassUser()
    const pass = await passFor(user.id, step0)
    const results = await Promise.all(Array.from({ length: 40 }, () => scanAt(t0, pass)))
    expect(results.filter((result) => result.granted)).toHaveLength(1)
    expect(results.filter((result) => result.reason === 'replay')).toHaveLength(39)
    expect(await db.accessEvent.count({ where: { userId: user.id } })).toBe(40)
  })
})

describe('currentPass', () => {
  it('shows the current step, then the next one at once after it was used', async () => {
    const user = await createPassUser()
    const before = await currentPass({ db, now: t0, userId: user.id })
    expect(before).toMatchObject({ status: 'ok', pass: { step: step0, qrString: await passFor(user.id, step0) } })
    if (before.status !== 'ok') throw new Error('unreachable')
    // t0 is 5 s into its step.
    expect(before.pass.secondsUntilRotation).toBe(25)
    expect((await scanAt(t0, before.pass.qrString)).granted).toBe(true)

    const after = await currentPass({ db, now: at(1), userId: user.id })
    if (after.status !== 'ok') throw new Error('expected a pass')
    expect(after.pass).toMatchObject({ step: step0 + 1, secondsUntilRotation: 54, secondsUntilUsable: 0 })
    expect(await scanAt(at(1), after.pass.qrString)).toMatchObject({ granted: true })
  })

  it('tells unknown, disabled and pass-less users apart', async () => {
    expect(await currentPass({ db, now: t0, userId: 'nobody' })).toEqual({ status: 'unknown_user' })
    const disabled = await createPassUser({ disabled: true })
    expect(await currentPass({ db, now: t0, userId: disabled.id })).toEqual({ status: 'disabled_user' })
    await db.user.create({ data: { id: 'pass-less' } })
    expect(await currentPass({ db, now: t0, userId: 'pass-less' })).toEqual({ status: 'no_pass' })
  })
})

describe('issueDoorPass', () => {
  it('enrols an unknown id only when asked to', async () => {
    expect(await issueDoorPass({ db, now: t0, userId: 'stranger', enrolUnknown: false })).toEqual({ status: 'unknown_user' })
    expect(await db.user.findUnique({ where: { id: 'stranger' } })).toBeNull()
    expect(await issueDoorPass({ db, now: t0, userId: 'stranger', enrolUnknown: true })).toMatchObject({ status: 'ok' })
  })

  it('keeps the secret of a request that gave a pass-less user theirs first', async () => {
    await db.user.create({ data: { id: 'racer' } })
    let theirs: Awaited<ReturnType<typeof issueDoorPass>> | undefined
    const ours = await issueDoorPass({
      db: changingAfterRead(async () => {
        theirs = await issueDoorPass({ db, now: t0, userId: 'racer', enrolUnknown: false })
      }),
      now: t0,
      userId: 'racer',
      enrolUnknown: false,
    })
    expect(theirs).toMatchObject({ status: 'ok' })
    expect(ours).toEqual(theirs)
  })

  it('keeps the first enrolment when two API requests enrol one id at once', async () => {
    let theirs: Awaited<ReturnType<typeof issueDoorPass>> | undefined
    const ours = await issueDoorPass({
      db: changingAfterRead(async () => {
        theirs = await issueDoorPass({ db, now: t0, userId: 'twin', enrolUnknown: true })
      }),
      now: t0,
      userId: 'twin',
      enrolUnknown: true,
    })
    expect(theirs).toMatchObject({ status: 'ok' })
    expect(ours).toEqual(theirs)
  })
})

describe('resetDoorPass', () => {
  it('makes old codes fail at once and ends the running grant', async () => {
    const user = await createPassUser()
    const old = await passFor(user.id, step0)
    expect((await scanAt(t0, old)).granted).toBe(true)
    const oldNext = await passFor(user.id, step0 + 1)

    expect(await resetDoorPass({ db, userId: user.id })).toBe(true)
    expect(await getDoorState({ db, now: at(1), userId: user.id, grantSeconds: 30 })).toBe(false)
    expect(await scanAt(at(1), oldNext)).toMatchObject({ granted: false, reason: 'wrong_code' })
    const fresh = await currentPass({ db, now: at(1), userId: user.id })
    if (fresh.status !== 'ok') throw new Error('expected a pass')
    expect(fresh.pass.qrString).not.toBe(oldNext)
    expect((await scanAt(at(1), fresh.pass.qrString)).granted).toBe(true)
    expect(await resetDoorPass({ db, userId: 'nobody' })).toBe(false)
  })
})
