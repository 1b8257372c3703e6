// The short code typed at a kiosk (lib/door/short-code.ts: pass number + the current 6-digit code)
// is the same pass as the scanned QR string: the same rules, the same single use, the same guess
// budget, the same door rules. And every pass has a number: the migration gave existing users one,
// new ones get theirs with their pass.
import { randomUUID } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { POST as kioskScan } from '@/app/api/kiosk/scans/route'
import { GET as pass } from '@/app/api/pass/route'
import { GET as validate } from '@/app/validate/[string]/route'
import { db, dbTarget } from '@/lib/db'
import { migrate, migrationsDir, readMigrations } from '@/lib/db/migrate'
import { parseDatabaseUrl } from '@/lib/db/url'
import { assignPassNumber } from '@/lib/door/assign-pass-number'
import { formatQrString, parseQrString } from '@/lib/door/qr-string'
import { formatShortCode, groupShortCode, isPassNumber, newPassNumber } from '@/lib/door/short-code'
import { totpCode, totpStep } from '@/lib/door/totp'
import { decryptTotpSecret } from '@/lib/door/totp-secret'
import { SCAN_GUESS_BUDGET, validateScan } from '@/lib/door/validate-scan'
import { createUser } from '@/lib/users/create-user'
import { createTestDatabase } from '@/tests/setup/test-database'
import { apiKeyCredentials, call, createPassUser, kioskCredentials, params, sessionCredentials, type Credentials } from './fixtures'

const none = params({})

/** What the pass page gets: the pass as a QR string and as a short code. */
async function passPage(userId: string): Promise<{ qrString: string; shortCode: string }> {
  const response = await pass(call('/api/pass', await sessionCredentials(userId)), none)
  expect(response.status).toBe(200)
  return response.json()
}

/** The user's pass for the step of `at` (+ `stepOffset`), as a short code and as a QR string. */
async function codesAt(userId: string, at: Date, stepOffset = 0) {
  const { totpSecretEnc, passNumber } = await db.user.findUniqueOrThrow({ where: { id: userId } })
  const secret = decryptTotpSecret({ encrypted: totpSecretEnc!, userId })!
  const code = totpCode({ secret, step: totpStep(at) + stepOffset })
  return { short: formatShortCode(passNumber!, code), qr: formatQrString(userId, code) }
}

/** The same pass number with a code that is certainly wrong. */
function wrongShortCode(shortCode: string): string {
  return shortCode.slice(0, 6) + (shortCode.endsWith('000000') ? '111111' : '000000')
}

/** As a person types it: lower case, dashes, and O and l for 0 and 1. */
const sloppily = (shortCode: string) =>
  groupShortCode(shortCode).toLowerCase().replace(' · ', '-').replaceAll('0', 'o').replaceAll('1', 'l')

const kioskScanOf = (kiosk: Credentials) => async (input: string) => {
  const response = await kioskScan(call('/api/kiosk/scans', kiosk, { method: 'POST', body: { input } }), none)
  return { status: response.status, body: await response.json() }
}

async function unusedPassNumber(): Promise<string> {
  for (;;) {
    const number = newPassNumber()
    if ((await db.user.count({ where: { passNumber: number } })) === 0) return number
  }
}

describe('the short code on the pass page', () => {
  it('is the pass number and the same code as the QR string', async () => {
    const user = await createPassUser()
    const { qrString, shortCode } = await passPage(user.id)
    const { passNumber } = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(isPassNumber(passNumber!)).toBe(true)
    const parsed = parseQrString(qrString)
    expect(parsed.ok && shortCode).toBe(`${passNumber}${parsed.ok ? parsed.code : ''}`)
    // The number stays: it names the pass, the code is what changes.
    expect((await passPage(user.id)).shortCode.slice(0, 6)).toBe(passNumber)
  })

  it('comes with a new user, each with a number of their own', async () => {
    const created = await Promise.all(
      Array.from({ length: 5 }, (_, i) => createUser({ db, input: { name: `New ${i}`, email: `${randomUUID()}@example.com` } })),
    )
    const numbers = await db.user.findMany({ where: { id: { in: created.map((user) => user.id) } }, select: { passNumber: true } })
    expect(numbers.every(({ passNumber }) => isPassNumber(passNumber ?? ''))).toBe(true)
    expect(new Set(numbers.map(({ passNumber }) => passNumber)).size).toBe(5)
  })

  it('draws another number when one is taken, and never changes a number once given', async () => {
    const first = await createPassUser()
    const second = await createPassUser()
    await assignPassNumber({ db, userId: first.id })
    const taken = (await db.user.findUniqueOrThrow({ where: { id: first.id } })).passNumber!
    const draws = [taken, taken, 'Z9Z9Z9']
    await assignPassNumber({ db, userId: second.id, draw: () => draws.shift() ?? newPassNumber() })
    expect((await db.user.findUniqueOrThrow({ where: { id: second.id } })).passNumber).toBe('Z9Z9Z9')
    await assignPassNumber({ db, userId: first.id })
    expect((await db.user.findUniqueOrThrow({ where: { id: first.id } })).passNumber).toBe(taken)
  })
})

describe('a typed short code at the kiosk', () => {
  it('grants once, typed in any case and grouping; the same code again, typed or scanned, is a replay', async () => {
    const user = await createPassUser({ name: 'Typed Short' })
    const kiosk = await kioskCredentials()
    const scan = kioskScanOf(kiosk)
    const { qrString, shortCode } = await passPage(user.id)

    expect(await scan(sloppily(shortCode))).toMatchObject({
      status: 200,
      body: { granted: true, reason: 'granted', message: 'Access granted', userName: 'Typed Short' },
    })
    expect((await scan(shortCode)).body).toMatchObject({
      granted: false,
      reason: 'replay',
      message: 'Code already used',
      userName: 'Typed Short',
    })
    expect((await scan(qrString)).body).toMatchObject({ granted: false, reason: 'replay' })
    const events = await db.accessEvent.findMany({ where: { kioskId: kiosk.kioskId }, orderBy: { id: 'asc' } })
    expect(events.map((event) => [event.reason, event.userId])).toEqual([
      ['granted', user.id],
      ['replay', user.id],
      ['replay', user.id],
    ])
  })

  it('is answered by GET /validate/{string} as well', async () => {
    const user = await createPassUser()
    const apiKey = await apiKeyCredentials()
    const { shortCode } = await passPage(user.id)
    const check = async (input: string) => {
      const response = await validate(call(`/validate/${encodeURIComponent(input)}`, apiKey), params({ string: input }))
      return { status: response.status, body: await response.json() }
    }
    expect(await check(groupShortCode(shortCode).toLowerCase())).toEqual({ status: 200, body: { validation: true } })
    expect(await check(shortCode)).toEqual({ status: 200, body: { validation: false } })
    expect((await check('K7QM2U123456')).status).toBe(400)
  })

  it('counts wrong codes against the pass’s guess budget, together with wrong scans', async () => {
    const target = await createPassUser({ name: 'Target' })
    const bystander = await createPassUser({ name: 'Bystander' })
    const scan = kioskScanOf(await kioskCredentials())
    const { qrString, shortCode } = await passPage(target.id)
    const bystanderPass = await passPage(bystander.id)
    const half = SCAN_GUESS_BUDGET.limit / 2
    const wrongScan = qrString.replace(/_\d{6}$/, shortCode.endsWith('000000') ? '_111111' : '_000000')
    for (let i = 0; i < half; i++)
      expect((await scan(wrongShortCode(shortCode))).body).toMatchObject({ reason: 'wrong_code', userName: 'Target' })
    for (let i = 0; i < half; i++) expect((await scan(wrongScan)).body).toMatchObject({ reason: 'wrong_code' })
    // The budget is spent: even the right code is refused unread, typed or scanned.
    expect((await scan(shortCode)).status).toBe(429)
    expect((await scan(qrString)).status).toBe(429)
    expect((await scan(bystanderPass.shortCode)).body).toMatchObject({ granted: true, userName: 'Bystander' })
    expect(await db.accessEvent.count({ where: { userId: target.id, reason: 'granted' } })).toBe(0)
  })

  it('refuses an unknown pass number, a disabled pass and a door the holder may not open, as a scan does', async () => {
    const scan = kioskScanOf(await kioskCredentials())
    const unknown = `${await unusedPassNumber()}123456`
    expect((await scan(unknown)).body).toMatchObject({ granted: false, reason: 'unknown_user', message: 'Unknown pass', userName: null })
    expect(await db.accessEvent.findFirst({ where: { input: unknown } })).toMatchObject({ reason: 'unknown_user', userId: null })

    const disabled = await createPassUser({ name: 'Off' })
    const { shortCode } = await passPage(disabled.id)
    await db.user.update({ where: { id: disabled.id }, data: { disabled: true } })
    expect((await scan(shortCode)).body).toMatchObject({ granted: false, reason: 'disabled_user', userName: 'Off' })

    const outsider = await createPassUser()
    const door = await db.door.create({ data: { id: randomUUID(), name: `Door ${randomUUID().slice(0, 6)}` } })
    const now = new Date()
    const { short } = await codesAt((await passPage(outsider.id)) && outsider.id, now)
    expect(await validateScan({ db, now, input: short, doorId: door.id })).toMatchObject({ granted: false, reason: 'no_access' })
    expect((await scan('not a code')).body).toMatchObject({ reason: 'malformed' })
  })

  it('follows the clock as a scan does: one step either side, each step once, whichever form', async () => {
    const user = await createPassUser()
    await passPage(user.id)
    const t0 = new Date('2026-05-04T10:00:05Z')
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)
    const scanAt = (now: Date, input: string) => validateScan({ db, now, input, grantSeconds: 30 })
    expect(await scanAt(t0, (await codesAt(user.id, t0, -2)).short)).toMatchObject({ reason: 'wrong_code' })
    expect(await scanAt(t0, (await codesAt(user.id, t0, 2)).short)).toMatchObject({ reason: 'wrong_code' })
    const step0 = await codesAt(user.id, t0)
    expect(await scanAt(t0, step0.short)).toMatchObject({ granted: true })
    expect(await scanAt(at(1), step0.qr)).toMatchObject({ reason: 'replay' })
    expect(await scanAt(at(2), step0.short.toLowerCase())).toMatchObject({ reason: 'replay' })
    expect(await scanAt(at(3), (await codesAt(user.id, t0, 1)).qr)).toMatchObject({ granted: true })
    expect(await scanAt(at(4), (await codesAt(user.id, t0, 1)).short)).toMatchObject({ reason: 'replay' })
  })
})

describe('the pass numbers migration', () => {
  it('gives every user of the time a number of their own', { timeout: 60_000 }, async () => {
    const fresh = await createTestDatabase(dbTarget.dialect)
    const before = mkdtempSync(join(tmpdir(), 'qr-door-migrations-'))
    try {
      const all = migrationsDir(dbTarget.dialect)
      for (const { name } of readMigrations(all))
        if (name < '20261127010000_pass_numbers') cpSync(join(all, name), join(before, name), { recursive: true })
      const target = parseDatabaseUrl(fresh.url)
      await migrate(target, before)
      const ids = Array.from({ length: 300 }, (_, i) => `before-${i}`)
      const numbers = await withRawDatabase(fresh.url, async (run) => {
        for (const id of ids) await run(`INSERT INTO "User" ("id", "name", "updatedAt") VALUES ($1, 'Old', CURRENT_TIMESTAMP)`, [id])
        const since = readMigrations(all).filter(({ name }) => name >= '20261127010000_pass_numbers')
        expect((await migrate(target, all)).applied).toEqual(since.map(({ name }) => name))
        return (await run(`SELECT "id", "passNumber" FROM "User"`)) as { id: string; passNumber: string }[]
      })
      expect(numbers).toHaveLength(ids.length)
      expect(numbers.filter((row) => !isPassNumber(row.passNumber))).toEqual([])
      expect(new Set(numbers.map((row) => row.passNumber)).size).toBe(ids.length)
    } finally {
      rmSync(before, { recursive: true, force: true })
      await fresh.drop()
    }
  })
})

type Run = (sql: string, values?: unknown[]) => Promise<unknown[]>

/** Raw SQL on a test database, `$1`-style parameters on both dialects. */
async function withRawDatabase<T>(url: string, work: (run: Run) => Promise<T>): Promise<T> {
  const target = parseDatabaseUrl(url)
  if (target.dialect === 'sqlite') {
    const sqlite = new Database(target.file)
    try {
      return await work(async (sql, values = []) => {
        const statement = sqlite.prepare(sql.replace(/\$\d+/g, '?'))
        return statement.reader ? statement.all(...values) : (statement.run(...values), [])
      })
    } finally {
      sqlite.close()
    }
  }
  const client = new pg.Client({ connectionString: target.connectionString })
  await client.connect()
  try {
    await client.query(`SET search_path TO "${target.schema}"`)
    return await work(async (sql, values = []) => (await client.query(sql, values)).rows)
  } finally {
    await client.end()
  }
}
