// A scan at a door follows the door's rules (SPEC "Doors and access rules", decision 0011): its
// groups and their weekly windows in the door's time zone, the holder's validity window, a guest
// pass's uses, lockdown. Every refusal names its reason, in the answer and in the log. Run on both
// databases: SQLite decides in JS inside its transaction, PostgreSQL in the grant statement.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { GET as validate } from '@/app/validate/[string]/route'
import { scanMessage } from '@/lib/access/scan-message'
import type { Schedule } from '@/lib/access/schedule'
import { db } from '@/lib/db'
import { formatQrString } from '@/lib/door/qr-string'
import { totpCode, totpStep } from '@/lib/door/totp'
import { decryptTotpSecret } from '@/lib/door/totp-secret'
import { validateScan } from '@/lib/door/validate-scan'
import { apiKeyCredentials, call, createPassUser, params } from './fixtures'

async function door(options: { timeZone?: string; lockdown?: boolean } = {}) {
  return db.door.create({ data: { id: randomUUID(), name: `Door ${randomUUID().slice(0, 6)}`, ...options } })
}

async function group(options: { doorIds: string[]; schedule?: Schedule; userIds: string[] }) {
  return db.accessGroup.create({
    data: {
      id: randomUUID(),
      name: `Group ${randomUUID()}`,
      schedule: JSON.stringify(options.schedule ?? []),
      doors: { create: options.doorIds.map((doorId) => ({ doorId })) },
      members: { create: options.userIds.map((userId) => ({ userId })) },
    },
  })
}

/** The user's code for the step of `at`, as the QR string a kiosk reads. */
async function passAt(userId: string, at: Date, stepOffset = 0): Promise<string> {
  const { totpSecretEnc } = await db.user.findUniqueOrThrow({ where: { id: userId } })
  const secret = decryptTotpSecret({ encrypted: totpSecretEnc!, userId })!
  return formatQrString(userId, totpCode({ secret, step: totpStep(at) + stepOffset }))
}

async function scan(userId: string, doorId: string | null, at: Date) {
  const result = await validateScan({ db, now: at, input: await passAt(userId, at), doorId, grantSeconds: 30 })
  const event = await db.accessEvent.findUniqueOrThrow({ where: { id: result.eventId } })
  expect(event.reason, 'the log says what the answer says').toBe(result.reason)
  const doorExists = doorId !== null && (await db.door.count({ where: { id: doorId } })) === 1
  expect(event.doorId, 'the log names the door, when there is one').toBe(doorExists ? doorId : null)
  return result.reason
}

/** A person in a group holding one door with `schedule`, and that door. */
async function personAtDoor(options: { schedule?: Schedule; timeZone?: string; lockdown?: boolean } = {}) {
  const user = await createPassUser()
  const atDoor = await door({ timeZone: options.timeZone, lockdown: options.lockdown })
  await group({ doorIds: [atDoor.id], schedule: options.schedule, userIds: [user.id] })
  return { user, door: atDoor }
}

const weekdaysMorning: Schedule = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '13:00' }]

describe('door rules', () => {
  it('grants at a door one of the holder’s groups holds, and refuses other doors as no_access', async () => {
    const { user, door: own } = await personAtDoor()
    const other = await door()
    const now = new Date('2026-06-01T09:00:05Z')
    expect(await scan(user.id, other.id, now)).toBe('no_access')
    expect(await scan(user.id, own.id, now)).toBe('granted')
  })

  it('checks only the pass when no door is named (seed 000’s /validate from an API client)', async () => {
    const user = await createPassUser()
    expect(await scan(user.id, null, new Date('2026-06-01T09:00:05Z'))).toBe('granted')
  })

  it('refuses an unknown door as no_access', async () => {
    const user = await createPassUser()
    expect(await scan(user.id, 'no-such-door', new Date('2026-06-01T09:00:05Z'))).toBe('no_access')
  })

  it.each([
    ['Monday 07:59 Berlin', '2026-06-01T07:59:05+02:00', 'outside_schedule'],
    ['Monday 08:00 Berlin', '2026-06-01T08:00:05+02:00', 'granted'],
    ['Friday 12:59 Berlin', '2026-06-05T12:59:05+02:00', 'granted'],
    ['Friday 13:00 Berlin', '2026-06-05T13:00:05+02:00', 'outside_schedule'],
    ['Saturday 09:00 Berlin', '2026-06-06T09:00:05+02:00', 'outside_schedule'],
  ])('reads a Mon–Fri 08–13 window in the door’s time zone: %s → %s', async (_label, at, expected) => {
    const { user, door: atDoor } = await personAtDoor({ schedule: weekdaysMorning, timeZone: 'Europe/Berlin' })
    expect(await scan(user.id, atDoor.id, new Date(at))).toBe(expected)
  })

  it('reads the same instant as another day in another time zone', async () => {
    // Monday 09:00 in Berlin is Monday 17:00 in Sydney and Monday 03:00 in New York.
    const instant = new Date('2026-06-01T07:00:05Z')
    const berlin = await personAtDoor({ schedule: weekdaysMorning, timeZone: 'Europe/Berlin' })
    const sydney = await personAtDoor({ schedule: weekdaysMorning, timeZone: 'Australia/Sydney' })
    const newYork = await personAtDoor({ schedule: weekdaysMorning, timeZone: 'America/New_York' })
    expect(await scan(berlin.user.id, berlin.door.id, instant)).toBe('granted')
    expect(await scan(sydney.user.id, sydney.door.id, instant)).toBe('outside_schedule')
    expect(await scan(newYork.user.id, newYork.door.id, instant)).toBe('outside_schedule')
  })

  it.each([
    ['Friday 23:00', '2026-06-05T23:00:05+02:00', 'granted'],
    ['Saturday 05:59', '2026-06-06T05:59:05+02:00', 'granted'],
    ['Saturday 06:00', '2026-06-06T06:00:05+02:00', 'outside_schedule'],
    ['Friday 21:59', '2026-06-05T21:59:05+02:00', 'outside_schedule'],
    ['Sunday 03:00', '2026-06-07T03:00:05+02:00', 'outside_schedule'],
  ])('keeps an overnight window Fri 22:00–06:00 open across midnight: %s → %s', async (_label, at, expected) => {
    const { user, door: atDoor } = await personAtDoor({
      schedule: [{ days: ['fri'], from: '22:00', to: '06:00' }],
      timeZone: 'Europe/Berlin',
    })
    expect(await scan(user.id, atDoor.id, new Date(at))).toBe(expected)
  })

  it.each([
    // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST. A 01:00–03:00 window: 01:59 local is open, 03:00 is not.
    ['spring forward, 01:59 local', '2026-03-29T00:59:05Z', [{ days: ['sun'], from: '01:00', to: '03:00' }], 'granted'],
    ['spring forward, 03:00 local', '2026-03-29T01:00:05Z', [{ days: ['sun'], from: '01:00', to: '03:00' }], 'outside_schedule'],
    // Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:15 happens twice; both are inside 02:00–02:30.
    ['fall back, first 02:15', '2026-10-25T00:15:05Z', [{ days: ['sun'], from: '02:00', to: '02:30' }], 'granted'],
    ['fall back, second 02:15', '2026-10-25T01:15:05Z', [{ days: ['sun'], from: '02:00', to: '02:30' }], 'granted'],
    ['fall back, 02:45 local', '2026-10-25T01:45:05Z', [{ days: ['sun'], from: '02:00', to: '02:30' }], 'outside_schedule'],
  ] as const)('follows the door’s clock on daylight-saving days: %s', async (_label, at, schedule, expected) => {
    const { user, door: atDoor } = await personAtDoor({ schedule: schedule as unknown as Schedule, timeZone: 'Europe/Berlin' })
    expect(await scan(user.id, atDoor.id, new Date(at))).toBe(expected)
  })

  it('refuses everyone at a door in lockdown, and grants again when it is lifted', async () => {
    const { user, door: atDoor } = await personAtDoor({ lockdown: true })
    const now = new Date('2026-06-01T09:00:05Z')
    expect(await scan(user.id, atDoor.id, now)).toBe('lockdown')
    await db.door.update({ where: { id: atDoor.id }, data: { lockdown: false } })
    expect(await scan(user.id, atDoor.id, now)).toBe('granted')
  })

  it('refuses before the validity window as not_yet_valid and after it as access_expired', async () => {
    const { user, door: atDoor } = await personAtDoor()
    await db.user.update({
      where: { id: user.id },
      data: { accessFrom: new Date('2026-06-05T14:00:00Z'), accessUntil: new Date('2026-06-06T14:00:00Z') },
    })
    expect(await scan(user.id, atDoor.id, new Date('2026-06-05T13:59:05Z'))).toBe('not_yet_valid')
    expect(await scan(user.id, atDoor.id, new Date('2026-06-05T14:00:05Z'))).toBe('granted')
    expect(await scan(user.id, atDoor.id, new Date('2026-06-06T14:00:05Z'))).toBe('access_expired')
  })

  it('counts a guest pass’s uses, refuses it used up, and refuses it revoked', async () => {
    const { user, door: atDoor } = await personAtDoor()
    const pass = await db.guestPass.create({
      data: { id: randomUUID(), userId: user.id, name: 'Visitor', tokenHash: randomUUID(), maxUses: 2 },
    })
    expect(await scan(user.id, atDoor.id, new Date('2026-06-01T09:00:05Z'))).toBe('granted')
    expect(await scan(user.id, atDoor.id, new Date('2026-06-01T09:01:05Z'))).toBe('granted')
    expect((await db.guestPass.findUniqueOrThrow({ where: { id: pass.id } })).uses).toBe(2)
    expect(await scan(user.id, atDoor.id, new Date('2026-06-01T09:02:05Z'))).toBe('uses_exhausted')
    await db.guestPass.update({ where: { id: pass.id }, data: { maxUses: null, revokedAt: new Date('2026-06-01T09:02:30Z') } })
    expect(await scan(user.id, atDoor.id, new Date('2026-06-01T09:03:05Z'))).toBe('disabled_user')
  })

  it('does not burn the code on a refusal: the same code opens once the rule allows it', async () => {
    const { user, door: atDoor } = await personAtDoor({ lockdown: true })
    const now = new Date('2026-06-01T09:00:05Z')
    const input = await passAt(user.id, now)
    expect((await validateScan({ db, now, input, doorId: atDoor.id })).reason).toBe('lockdown')
    await db.door.update({ where: { id: atDoor.id }, data: { lockdown: false } })
    expect((await validateScan({ db, now, input, doorId: atDoor.id })).reason).toBe('granted')
    expect((await validateScan({ db, now, input, doorId: atDoor.id })).reason).toBe('replay')
  })

  it('grants exactly once for 40 parallel scans of a guest pass with one use left, across its three accepted codes', async () => {
    const { user, door: atDoor } = await personAtDoor()
    await db.guestPass.create({
      data: { id: randomUUID(), userId: user.id, name: 'Visitor', tokenHash: randomUUID(), maxUses: 3, uses: 2 },
    })
    const now = new Date('2026-06-01T09:00:15Z')
    // The previous, current and next steps' codes are all accepted: without the use limit, three could grant.
    const inputs = await Promise.all([-1, 0, 1].map((offset) => passAt(user.id, now, offset)))
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => validateScan({ db, now, input: inputs[i % 3]!, doorId: atDoor.id })),
    )
    expect(results.filter((r) => r.reason === 'granted')).toHaveLength(1)
    expect(results.every((r) => ['granted', 'replay', 'uses_exhausted'].includes(r.reason))).toBe(true)
    expect((await db.guestPass.findUniqueOrThrow({ where: { userId: user.id } })).uses).toBe(3)
    expect(await db.accessEvent.count({ where: { userId: user.id, result: 'granted' } })).toBe(1)
  })

  it('tells the person at the door when they may come back, in the door’s time zone', async () => {
    const { user, door: atDoor } = await personAtDoor({ schedule: weekdaysMorning, timeZone: 'Europe/Berlin' })
    const saturday = new Date('2026-06-06T09:00:05+02:00')
    expect(await scan(user.id, atDoor.id, saturday)).toBe('outside_schedule')
    expect(await scanMessage({ db, now: saturday, reason: 'outside_schedule', userId: user.id, doorId: atDoor.id })).toBe(
      'Not allowed at this time — next from Mon 08:00',
    )
    await db.user.update({ where: { id: user.id }, data: { accessFrom: new Date('2026-06-12T12:00:00Z') } })
    const monday = new Date('2026-06-08T09:00:05+02:00')
    expect(await scan(user.id, atDoor.id, monday)).toBe('not_yet_valid')
    expect(await scanMessage({ db, now: monday, reason: 'not_yet_valid', userId: user.id, doorId: atDoor.id })).toBe(
      'Pass starts Fri 14:00',
    )
    expect(await scanMessage({ db, now: monday, reason: 'lockdown', userId: user.id, doorId: atDoor.id })).toBe('Door in lockdown')
  })

  it('calls a used code a replay before it asks the door (both databases in the same order)', async () => {
    const { user, door: atDoor } = await personAtDoor()
    const now = new Date('2026-06-01T09:00:05Z')
    const input = await passAt(user.id, now)
    expect((await validateScan({ db, now, input, doorId: atDoor.id })).reason).toBe('granted')
    await db.door.update({ where: { id: atDoor.id }, data: { lockdown: true } })
    expect((await validateScan({ db, now, input, doorId: atDoor.id })).reason).toBe('replay')
  })
})

describe('GET /validate/{string}?door= (an API client naming a door)', () => {
  it('applies that door’s rules, and the pass alone without it', async () => {
    const api = await apiKeyCredentials()
    const { user, door: lockedDoor } = await personAtDoor({ lockdown: true })
    const now = new Date()
    const ask = async (query: string) => {
      const string = await passAt(user.id, now)
      const response = await validate(call(`/validate/${encodeURIComponent(string)}${query}`, api), params({ string }))
      expect(response.status).toBe(200)
      return ((await response.json()) as { validation: boolean }).validation
    }
    expect(await ask(`?door=${lockedDoor.id}`)).toBe(false)
    const event = await db.accessEvent.findFirstOrThrow({ where: { userId: user.id }, orderBy: { id: 'desc' } })
    expect(event).toMatchObject({ reason: 'lockdown', doorId: lockedDoor.id })
    expect(await ask('')).toBe(true)
  })
})
