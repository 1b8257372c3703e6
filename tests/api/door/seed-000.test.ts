// Seed 000's four endpoints through their route handlers: shapes, status codes and who may call.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { GET as isValid } from '@/app/isvalid/[user_id]/route'
import { GET as logs } from '@/app/logs/route'
import { GET as otp } from '@/app/otp/[user_id]/route'
import { GET as validate } from '@/app/validate/[string]/route'
import { db } from '@/lib/db'
import { formatQrString, parseQrString } from '@/lib/door/qr-string'
import {
  apiKeyCredentials,
  call,
  createPassUser,
  kioskCredentials,
  noCredentials,
  params,
  sessionCredentials,
  type Credentials,
} from './fixtures'

let api: Credentials
let kiosk: Awaited<ReturnType<typeof kioskCredentials>>

beforeAll(async () => {
  api = await apiKeyCredentials()
  kiosk = await kioskCredentials()
})

afterEach(() => {
  vi.useRealTimers()
})

const getPass = async (userId: string, credentials: Credentials = api) =>
  otp(call(`/otp/${encodeURIComponent(userId)}`, credentials), params({ user_id: userId }))
const scan = (string: string, credentials: Credentials = kiosk) => validate(call(`/validate/${string}`, credentials), params({ string }))
const check = (userId: string, credentials: Credentials = api) =>
  isValid(call(`/isvalid/${encodeURIComponent(userId)}`, credentials), params({ user_id: userId }))

async function qrStringOf(userId: string): Promise<string> {
  const response = await getPass(userId)
  expect(response.status).toBe(200)
  return ((await response.json()) as { qr_string: string }).qr_string
}

/** A right code of another step than the one `qrString` carries, so it is not a replay of it. */
function withCode(qrString: string, code: string) {
  return `${qrString.split('_')[0]}_${code}`
}

describe('GET /otp/{user_id}', () => {
  it('gives an API client the QR string, enrolling an unknown id as the seed did', async () => {
    const response = await getPass('seed-user-1')
    expect(response.status).toBe(200)
    const body = (await response.json()) as { qr_string: string }
    expect(Object.keys(body)).toEqual(['qr_string'])
    // python3 -c "import base64; print(base64.b32encode(b'seed-user-1'))"
    expect(body.qr_string).toMatch(/^ONSWKZBNOVZWK4RNGE======_\d{6}$/)
    const user = await db.user.findUniqueOrThrow({ where: { id: 'seed-user-1' } })
    expect(user.totpSecretEnc).toMatch(/^v1\./)
    // Asking again keeps the first secret.
    await qrStringOf('seed-user-1')
    expect((await db.user.findUniqueOrThrow({ where: { id: 'seed-user-1' } })).totpSecretEnc).toBe(user.totpSecretEnc)
  })

  it('gives a logged-in user their own pass and refuses anyone else', async () => {
    const me = await createPassUser()
    const other = await createPassUser()
    const session = await sessionCredentials(me.id)
    const own = await getPass(me.id, session)
    expect(own.status).toBe(200)
    expect(parseQrString(((await own.json()) as { qr_string: string }).qr_string)).toMatchObject({ ok: true, userId: me.id })
    expect((await getPass(other.id, session)).status).toBe(403)
    // A user cannot enrol ids either.
    const unknown = await getPass('not-enrolled', session)
    expect(unknown.status).toBe(403)
    expect(await db.user.findUnique({ where: { id: 'not-enrolled' } })).toBeNull()
  })

  it('gives a user made without a pass one secret, however many first requests race', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-06-01T08:00:10Z'))
    await db.user.create({ data: { id: 'pass-less', email: 'pass-less@example.com' } })
    const session = await sessionCredentials('pass-less')
    const responses = await Promise.all(Array.from({ length: 10 }, () => getPass('pass-less', session)))
    const strings = await Promise.all(responses.map(async (response) => ((await response.json()) as { qr_string: string }).qr_string))
    expect(new Set(strings).size).toBe(1)
    expect(await (await scan(strings[0]!)).json()).toEqual({ validation: true })
  })

  it('answers 401 without credentials, 403 to a kiosk, 403 for a disabled user', async () => {
    const user = await createPassUser()
    const none = await getPass(user.id, noCredentials)
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({ detail: 'Missing or invalid credentials' })
    expect((await getPass(user.id, { authorization: 'Bearer qrd_key_wrong' })).status).toBe(401)
    expect((await getPass(user.id, kiosk)).status).toBe(403)
    const disabled = await createPassUser({ disabled: true })
    const response = await getPass(disabled.id, api)
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ detail: 'This user is disabled' })
  })

  it('after two grants in one step, hands out the next usable code and says when the door takes it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-06-01T08:00:05Z'))
    const user = await createPassUser()
    expect(await (await scan(await qrStringOf(user.id))).json()).toEqual({ validation: true })
    expect(await (await scan(await qrStringOf(user.id))).json()).toEqual({ validation: true })

    const body = (await (await getPass(user.id)).json()) as { qr_string: string; seconds_until_usable?: number }
    expect(body.seconds_until_usable).toBe(25)
    vi.setSystemTime(new Date('2026-06-01T08:00:29Z'))
    expect((await (await getPass(user.id)).json()) as unknown).toEqual({ qr_string: body.qr_string, seconds_until_usable: 1 })
    vi.setSystemTime(new Date('2026-06-01T08:00:30Z'))
    expect(await (await getPass(user.id)).json()).toEqual({ qr_string: body.qr_string })
    expect(await (await scan(body.qr_string)).json()).toEqual({ validation: true })
  })

  it("answers 422 in FastAPI's shape for an id that cannot be a user id", async () => {
    const response = await getPass('x'.repeat(129))
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      detail: [expect.objectContaining({ loc: ['path', 'user_id'], msg: expect.any(String), type: expect.any(String) })],
    })
  })
})

describe('GET /validate/{string}', () => {
  it('grants a right code once, then answers false to the replay', async () => {
    const user = await createPassUser()
    const qr = await qrStringOf(user.id)
    const first = await scan(qr)
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ validation: true })
    expect(await (await scan(qr)).json()).toEqual({ validation: false })
    const events = await db.accessEvent.findMany({ where: { userId: user.id }, orderBy: { id: 'asc' } })
    expect(events.map((event) => [event.result, event.reason, event.kioskId])).toEqual([
      ['granted', 'granted', kiosk.kioskId],
      ['denied', 'replay', kiosk.kioskId],
    ])
  })

  it('shows the next code at once after a success, and that one opens the door too', async () => {
    const user = await createPassUser()
    const first = await qrStringOf(user.id)
    expect(await (await scan(first)).json()).toEqual({ validation: true })
    const next = await qrStringOf(user.id)
    expect(next).not.toBe(first)
    expect(await (await scan(next)).json()).toEqual({ validation: true })
  })

  it('answers false for a wrong code or an unknown user', async () => {
    const user = await createPassUser()
    const qr = await qrStringOf(user.id)
    const wrong = withCode(qr, qr.endsWith('000000') ? '000001' : '000000')
    expect(await (await scan(wrong)).json()).toEqual({ validation: false })
    const unknown = formatQrString('nobody', '123456')
    expect(await (await scan(unknown)).json()).toEqual({ validation: false })
    const reasons = await db.accessEvent.findMany({ where: { input: unknown }, select: { reason: true } })
    expect(reasons).toEqual([{ reason: 'unknown_user' }])
  })

  it('answers 400 with a JSON error for malformed input, and records it', async () => {
    for (const malformed of ['hello', 'OVZWK4RNGQZA====_12345', 'ovzwk4rngqza===_123456', '_', 'A'.repeat(3000)]) {
      const response = await scan(malformed)
      expect(response.status, malformed).toBe(400)
      expect(await response.json()).toEqual({ detail: expect.stringMatching(/^Malformed QR string/) })
    }
    const event = await db.accessEvent.findFirstOrThrow({ where: { input: 'hello' } })
    expect(event).toMatchObject({ result: 'denied', reason: 'malformed', userId: null, kioskId: kiosk.kioskId })
  })

  it('lets API clients validate, and refuses users and callers without credentials', async () => {
    const user = await createPassUser()
    const qr = await qrStringOf(user.id)
    expect((await scan(qr, noCredentials)).status).toBe(401)
    expect((await scan(qr, await sessionCredentials(user.id))).status).toBe(403)
    const admin = await createPassUser({ role: 'admin' })
    expect((await scan(qr, await sessionCredentials(admin.id))).status).toBe(403)
    const response = await scan(qr, api)
    expect(await response.json()).toEqual({ validation: true })
    const event = await db.accessEvent.findFirstOrThrow({ where: { userId: user.id, reason: 'granted' } })
    expect(event.kioskId).toBeNull()
  })

  it('refuses a revoked kiosk at once', async () => {
    const revoked = await kioskCredentials('Back door')
    await db.kiosk.update({ where: { id: revoked.kioskId }, data: { revokedAt: new Date() } })
    expect((await scan('GEZDGNBV_123456', revoked)).status).toBe(401)
  })

  it('grants exactly once when 40 kiosks scan the same pass at the same time', async () => {
    const user = await createPassUser()
    const qr = await qrStringOf(user.id)
    const responses = await Promise.all(Array.from({ length: 40 }, () => scan(qr)))
    const bodies = await Promise.all(responses.map((response) => response.json()))
    expect(responses.every((response) => response.status === 200)).toBe(true)
    expect(bodies.filter((body) => body.validation === true)).toHaveLength(1)
    const reasons = await db.accessEvent.groupBy({ by: ['reason'], where: { userId: user.id }, _count: true })
    expect(Object.fromEntries(reasons.map((row) => [row.reason, row._count]))).toEqual({ granted: 1, replay: 39 })
  })

  it('answers 429 with Retry-After past the per-IP limit', async () => {
    let response: Response | undefined
    for (let i = 0; i < 121; i++) {
      response = await validate(call('/validate/x', noCredentials, { ip: '192.0.2.7' }), params({ string: 'x' }))
      if (response.status === 429) break
      expect(response.status).toBe(401)
    }
    expect(response!.status).toBe(429)
    expect(Number(response!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await response!.json()).toEqual({ detail: expect.any(String) })
  })
})

describe('GET /isvalid/{user_id}', () => {
  it('is true for DOOR_GRANT_SECONDS after a granted scan, computed from the stored time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-06-01T08:00:10Z'))
    const user = await createPassUser()
    expect(await (await check(user.id)).json()).toEqual({ user_id: user.id, validation: false })
    expect(await (await scan(await qrStringOf(user.id))).json()).toEqual({ validation: true })
    vi.setSystemTime(new Date('2026-06-01T08:00:39.9Z'))
    expect(await (await check(user.id)).json()).toEqual({ user_id: user.id, validation: true })
    vi.setSystemTime(new Date('2026-06-01T08:00:40Z'))
    expect(await (await check(user.id)).json()).toEqual({ user_id: user.id, validation: false })
  })

  it('keeps a grant running whatever failed scans come after it', async () => {
    const user = await createPassUser()
    const qr = await qrStringOf(user.id)
    expect(await (await scan(qr)).json()).toEqual({ validation: true })
    await scan(qr) // replay
    await scan(withCode(qr, qr.endsWith('000000') ? '000001' : '000000'))
    await scan('garbage')
    expect(await (await check(user.id)).json()).toEqual({ user_id: user.id, validation: true })
  })

  it('answers false for an unknown user', async () => {
    expect(await (await check('nobody-at-all')).json()).toEqual({ user_id: 'nobody-at-all', validation: false })
  })

  it('lets a user check themselves, an admin anyone, and refuses the rest', async () => {
    const me = await createPassUser()
    const other = await createPassUser()
    const session = await sessionCredentials(me.id)
    expect((await check(me.id, session)).status).toBe(200)
    expect((await check(other.id, session)).status).toBe(403)
    const admin = await createPassUser({ role: 'admin' })
    expect((await check(other.id, await sessionCredentials(admin.id))).status).toBe(200)
    expect((await check(me.id, kiosk)).status).toBe(403)
    expect((await check(me.id, noCredentials)).status).toBe(401)
  })
})

describe('GET /logs', () => {
  it('maps every user with a pass to their current state', async () => {
    const granted = await createPassUser({ id: 'logs-granted' })
    await createPassUser({ id: 'logs-idle' })
    await db.user.create({ data: { id: 'logs-no-pass', email: 'no-pass@example.com' } })
    expect(await (await scan(await qrStringOf(granted.id))).json()).toEqual({ validation: true })
    const response = await logs(call('/logs', api), params({}))
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, { validation: boolean }>
    expect(body['logs-granted']).toEqual({ validation: true })
    expect(body['logs-idle']).toEqual({ validation: false })
    expect(body).not.toHaveProperty('logs-no-pass')
  })

  it('is for API clients and admins only', async () => {
    const user = await createPassUser()
    const admin = await createPassUser({ role: 'admin' })
    expect((await logs(call('/logs', await sessionCredentials(admin.id)), params({}))).status).toBe(200)
    expect((await logs(call('/logs', await sessionCredentials(user.id)), params({}))).status).toBe(403)
    expect((await logs(call('/logs', kiosk), params({}))).status).toBe(403)
    expect((await logs(call('/logs', noCredentials), params({}))).status).toBe(401)
  })
})
