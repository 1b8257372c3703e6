// Guest passes (SPEC "Guest passes"): POST|GET /api/admin/guest-passes, DELETE …/{id}, and the
// guest's own GET /api/guest/{token}. The link is shown once and stored as a hash; the pass is held by
// a hidden User of role "guest"; its state follows `now` as the scan does.
import { beforeAll, describe, expect, it } from 'vitest'
import { GET as listDeliveries } from '@/app/api/admin/deliveries/route'
import { DELETE as revokeRoute } from '@/app/api/admin/guest-passes/[id]/route'
import { GET as listRoute, POST as createRoute } from '@/app/api/admin/guest-passes/route'
import { GET as listUsers } from '@/app/api/admin/users/route'
import { GET as guestRoute } from '@/app/api/guest/[token]/route'
import { hashToken } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import { validateScan } from '@/lib/door/validate-scan'
import { createGuestPass } from '@/lib/guests/create-guest-pass'
import { listGuestPasses } from '@/lib/guests/list-guest-passes'
import { readGuestView } from '@/lib/guests/read-guest-view'
import { revokeGuestPass } from '@/lib/guests/revoke-guest-pass'
import {
  apiKeyCredentials,
  call,
  createPassUser,
  kioskCredentials,
  noCredentials,
  params,
  passOf,
  sessionCredentials,
  type Credentials,
} from '../door/fixtures'

let api: Credentials

beforeAll(async () => {
  api = await apiKeyCredentials()
})

type GuestPass = {
  id: string
  name: string
  email: string | null
  phone: string | null
  groupIds: string[]
  validFrom: string
  validUntil: string
  maxUses: number | null
  uses: number
  state: string
  createdAt: string
  revokedAt: string | null
}
type Created = GuestPass & { url: string; deliveries: { channel: string; recipient: string; status: string }[] }

const create = (body: unknown, credentials: Credentials = api) =>
  createRoute(call('/api/admin/guest-passes', credentials, { method: 'POST', body }), params({}))
const list = async () =>
  ((await (await listRoute(call('/api/admin/guest-passes', api), params({}))).json()) as { guestPasses: GuestPass[] }).guestPasses
const revoke = (id: string, credentials: Credentials = api) =>
  revokeRoute(call(`/api/admin/guest-passes/${id}`, credentials, { method: 'DELETE' }), params({ id }))
const guest = (token: string) => guestRoute(call(`/api/guest/${token}`, noCredentials), params({ token }))
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1)
const holderOf = async (guestPassId: string) => (await db.guestPass.findUniqueOrThrow({ where: { id: guestPassId } })).userId

const minutes = (n: number) => n * 60_000
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString()
const made = async (body: Record<string, unknown>) => {
  const response = await create({
    name: 'Guest',
    groupIds: ['everyone'],
    validFrom: fromNow(-minutes(1)),
    validUntil: fromNow(minutes(60)),
    ...body,
  })
  expect(response.status).toBe(201)
  return (await response.json()) as Created
}

describe('POST /api/admin/guest-passes', () => {
  it('makes a pass: the link once, only its hash kept, a hidden holder with the groups and window, the link e-mailed', async () => {
    const validFrom = fromNow(-minutes(1))
    const validUntil = fromNow(minutes(24 * 60))
    const response = await create({
      name: ' Dana Visitor ',
      email: ' Dana@Example.COM ',
      groupIds: ['everyone'],
      validFrom,
      validUntil,
      maxUses: 3,
    })
    expect(response.status).toBe(201)
    const pass = (await response.json()) as Created
    expect(pass).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Dana Visitor',
      email: 'dana@example.com',
      phone: null,
      groupIds: ['everyone'],
      validFrom,
      validUntil,
      maxUses: 3,
      uses: 0,
      state: 'active',
      createdAt: expect.any(String),
      revokedAt: null,
      url: expect.stringMatching(/^http:\/\/localhost\/g\/[A-Za-z0-9_-]{22}$/),
      deliveries: [{ channel: 'email', recipient: 'dana@example.com', status: 'demo' }],
    })
    const token = tokenOf(pass.url)

    const row = await db.guestPass.findUniqueOrThrow({ where: { id: pass.id }, include: { user: { include: { groups: true } } } })
    expect(row.tokenHash).toBe(hashToken(token))
    expect(JSON.stringify(row)).not.toContain(token)
    // The holder cannot sign in (no e-mail, no phone) and is not listed as a user.
    expect(row.user).toMatchObject({
      name: 'Dana Visitor',
      role: 'guest',
      email: null,
      phone: null,
      accessFrom: new Date(validFrom),
      accessUntil: new Date(validUntil),
    })
    expect(row.user.totpSecretEnc).not.toBeNull()
    expect(row.user.groups.map((group) => group.groupId)).toEqual(['everyone'])
    const users = (await (await listUsers(call('/api/admin/users', api), params({}))).json()) as { users: { id: string }[] }
    expect(users.users.map((user) => user.id)).not.toContain(row.userId)

    // In demo mode the e-mail is recorded in the outbox, link and all.
    const outbox = (await (await listDeliveries(call('/api/admin/deliveries', api), params({}))).json()) as {
      deliveries: { channel: string; recipient: string; subject: string | null; status: string; body?: string }[]
    }
    expect(outbox.deliveries.find((delivery) => delivery.recipient === 'dana@example.com')).toMatchObject({
      channel: 'email',
      subject: 'Your door pass',
      status: 'demo',
      body: expect.stringContaining(pass.url),
    })
  })

  it('sends the link by SMS to a phone number, and nowhere without one', async () => {
    const bySms = await made({ name: 'Sam', phone: '+1 415 555 0199' })
    expect(bySms).toMatchObject({ phone: '+14155550199', deliveries: [{ channel: 'sms', recipient: '+14155550199', status: 'demo' }] })
    const sms = await db.delivery.findFirstOrThrow({ where: { recipient: '+14155550199' } })
    expect(sms).toMatchObject({ channel: 'sms', status: 'demo' })
    expect(sms.body).toContain(bySms.url)
    expect((await made({ name: 'Quiet' })).deliveries).toEqual([])
  })

  const fieldError = (field: string, message: string) => ({
    error: { code: 'bad_request', message: `${field}: ${message}`, issues: [{ path: field, message }] },
  })
  const schemaError = (path: string, message: string) => ({
    error: { code: 'bad_request', message: 'The request does not match the schema', issues: [{ path, message }] },
  })
  const body = (fields: Record<string, unknown>) => ({
    name: 'Guest',
    groupIds: ['everyone'],
    validFrom: '2030-01-01T09:00:00Z',
    validUntil: '2030-01-02T09:00:00Z',
    ...fields,
  })
  const cases: [label: string, request: unknown, status: number, answer: unknown][] = [
    ['validUntil before validFrom', body({ validUntil: '2030-01-01T08:00:00Z' }), 400, fieldError('validUntil', 'must be after validFrom')],
    [
      'validUntil at validFrom',
      body({ validUntil: '2030-01-01T10:00:00+01:00' }),
      400,
      fieldError('validUntil', 'must be after validFrom'),
    ],
    [
      'a window already over',
      body({ validFrom: '2020-01-01T09:00:00Z', validUntil: '2020-01-02T09:00:00Z' }),
      400,
      fieldError('validUntil', 'must be in the future: the pass would never open a door'),
    ],
    ['an unknown group', body({ groupIds: ['everyone', 'nope'] }), 400, fieldError('groupIds', 'no access group nope')],
    [
      'no group',
      body({ groupIds: [] }),
      400,
      schemaError('groupIds', 'groupIds must name at least one group: without one the pass opens no door'),
    ],
    [
      'a time without its offset',
      body({ validFrom: '2030-01-01T09:00:00' }),
      400,
      schemaError('validFrom', 'must be an ISO 8601 date-time with its offset, e.g. 2026-12-24T18:00:00+01:00'),
    ],
    [
      'no validUntil',
      body({ validUntil: undefined }),
      400,
      schemaError('validUntil', 'must be an ISO 8601 date-time with its offset, e.g. 2026-12-24T18:00:00+01:00'),
    ],
    ['maxUses 0', body({ maxUses: 0 }), 400, schemaError('maxUses', 'Too small: expected number to be >=1')],
    ['a bad e-mail address', body({ email: 'not-an-address' }), 400, schemaError('email', 'Invalid email address')],
    ['a blank name', body({ name: '  ' }), 400, schemaError('name', 'Too small: expected string to have >=1 characters')],
    ['a body that is not JSON', '{"name":', 400, { error: { code: 'invalid_json', message: 'The request body is not valid JSON' } }],
  ]
  it.each(cases.map(([label, request, status, answer]) => [label, status, request, answer] as const))(
    'refuses %s → %i',
    async (_label, status, request, answer) => {
      const before = await db.guestPass.count()
      const response = await create(request)
      expect(response.status).toBe(status)
      expect(await response.json()).toEqual(answer)
      expect(await db.guestPass.count()).toBe(before)
    },
  )
})

describe('GET /api/admin/guest-passes and DELETE …/{id}', () => {
  it('lists passes newest first with uses and state; revoking is at once and keeps its first time', async () => {
    const first = await made({ name: 'First' })
    const second = await made({ name: 'Second', validFrom: fromNow(minutes(30)) })
    const listed = await list()
    expect(listed.findIndex((pass) => pass.id === second.id)).toBeLessThan(listed.findIndex((pass) => pass.id === first.id))
    // As made, less what only the answer to POST holds.
    expect(listed).toContainEqual(Object.fromEntries(Object.entries(first).filter(([key]) => key !== 'url' && key !== 'deliveries')))
    expect(listed.find((pass) => pass.id === second.id)).toMatchObject({ state: 'upcoming', uses: 0 })
    expect(JSON.stringify(listed)).not.toContain(tokenOf(first.url))

    const response = await revoke(first.id)
    expect(response.status).toBe(200)
    const revoked = (await response.json()) as GuestPass
    expect(revoked).toMatchObject({ id: first.id, state: 'revoked', revokedAt: expect.any(String) })
    expect(((await (await revoke(first.id)).json()) as GuestPass).revokedAt).toBe(revoked.revokedAt)
    expect((await list()).find((pass) => pass.id === first.id)).toMatchObject({ state: 'revoked' })

    // The scan refuses the holder from now on.
    const holder = await holderOf(first.id)
    const now = new Date()
    const scan = await validateScan({ db, now, input: await passOf(holder, now), doorId: 'front-door', grantSeconds: 30 })
    expect(scan).toMatchObject({ granted: false, reason: 'disabled_user' })
  })

  it('answers 404 for an unknown pass', async () => {
    const response = await revoke('no-such-pass')
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No such guest pass' } })
  })
})

describe('states, with a fixed now', () => {
  const t0 = new Date('2026-06-01T08:00:00Z')
  const at = (ms: number) => new Date(t0.getTime() + ms)
  const stateAt = async (id: string, now: Date) => (await listGuestPasses({ db, now })).find((pass) => pass.id === id)?.state
  const scanAt = async (holder: string, now: Date) =>
    (await validateScan({ db, now, input: await passOf(holder, now), doorId: 'front-door', grantSeconds: 30 })).reason

  async function makeAt(input: { validFrom: Date; validUntil: Date; maxUses?: number }) {
    const { pass, url } = await createGuestPass({
      db,
      now: t0,
      origin: 'https://door.example.com',
      input: { name: 'Visitor', groupIds: ['everyone'], ...input },
    })
    expect(url).toMatch(/^https:\/\/door\.example\.com\/g\/[A-Za-z0-9_-]{22}$/)
    return { id: pass.id, token: tokenOf(url), holder: await holderOf(pass.id) }
  }

  it('upcoming → active → used up, as the scan counts uses; the guest’s view follows', async () => {
    const pass = await makeAt({ validFrom: at(minutes(60)), validUntil: at(minutes(180)), maxUses: 2 })
    expect(await stateAt(pass.id, t0)).toBe('upcoming')
    expect(await readGuestView({ db, now: t0, token: pass.token })).toMatchObject({
      state: 'upcoming',
      qrString: null,
      secondsUntilRotation: null,
    })
    expect(await scanAt(pass.holder, at(minutes(59)))).toBe('not_yet_valid')

    const opening = at(minutes(60))
    expect(await stateAt(pass.id, opening)).toBe('active')
    const view = await readGuestView({ db, now: opening, token: pass.token })
    expect(view).toEqual({
      name: 'Visitor',
      state: 'active',
      validFrom: at(minutes(60)),
      validUntil: at(minutes(180)),
      maxUses: 2,
      uses: 0,
      qrString: await passOf(pass.holder, opening),
      // The same pass to type at a kiosk: the holder's pass number and the same code.
      shortCode: expect.stringMatching(new RegExp(`^[0-9A-HJKMNP-TV-Z]{6}${(await passOf(pass.holder, opening)).slice(-6)}$`)),
      secondsUntilRotation: 30,
      secondsUntilUsable: 0,
      granted: false,
    })

    expect(await scanAt(pass.holder, at(minutes(61)))).toBe('granted')
    expect(await readGuestView({ db, now: at(minutes(61) + 5_000), token: pass.token })).toMatchObject({
      state: 'active',
      uses: 1,
      granted: true,
    })
    expect(await scanAt(pass.holder, at(minutes(62)))).toBe('granted')
    expect(await stateAt(pass.id, at(minutes(62)))).toBe('used_up')
    expect(await readGuestView({ db, now: at(minutes(63)), token: pass.token })).toMatchObject({
      state: 'used_up',
      uses: 2,
      qrString: null,
    })
    expect(await scanAt(pass.holder, at(minutes(63)))).toBe('uses_exhausted')
    expect((await db.guestPass.findUniqueOrThrow({ where: { id: pass.id } })).uses).toBe(2)
  })

  it('active → expired at validUntil; revoked wins over every other state', async () => {
    const pass = await makeAt({ validFrom: t0, validUntil: at(minutes(60)) })
    expect(await stateAt(pass.id, t0)).toBe('active')
    expect(await stateAt(pass.id, at(minutes(60) - 1))).toBe('active')
    expect(await stateAt(pass.id, at(minutes(60)))).toBe('expired')
    expect(await readGuestView({ db, now: at(minutes(60)), token: pass.token })).toMatchObject({ state: 'expired', qrString: null })
    expect(await scanAt(pass.holder, at(minutes(60)))).toBe('access_expired')

    const revoked = await revokeGuestPass({ db, now: at(minutes(10)), guestPassId: pass.id })
    expect(revoked).toMatchObject({ state: 'revoked', revokedAt: at(minutes(10)) })
    for (const now of [t0, at(minutes(30)), at(minutes(90))]) expect(await stateAt(pass.id, now)).toBe('revoked')
    expect(await readGuestView({ db, now: at(minutes(30)), token: pass.token })).toMatchObject({ state: 'revoked', qrString: null })
  })
})

describe('GET /api/guest/{token}', () => {
  it('shows an active pass with its rotating QR code, to anyone holding the link', async () => {
    const pass = await made({ name: 'Robin', maxUses: 5 })
    const response = await guest(tokenOf(pass.url))
    expect(response.status).toBe(200)
    const view = (await response.json()) as Record<string, unknown>
    expect(view).toEqual({
      name: 'Robin',
      state: 'active',
      validFrom: pass.validFrom,
      validUntil: pass.validUntil,
      maxUses: 5,
      uses: 0,
      qrString: expect.stringMatching(/^[A-Z2-7=]+_\d{6}$/),
      shortCode: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{6}\d{6}$/),
      secondsUntilRotation: expect.any(Number),
      secondsUntilUsable: 0,
      granted: false,
    })
    expect(view.qrString).toBe(await passOf(await holderOf(pass.id), new Date()))
  })

  it('shows no code before, after or without a valid pass', async () => {
    const upcoming = await made({ validFrom: fromNow(minutes(60)), validUntil: fromNow(minutes(120)) })
    expect(await (await guest(tokenOf(upcoming.url))).json()).toMatchObject({
      state: 'upcoming',
      qrString: null,
      secondsUntilRotation: null,
    })
    const revoked = await made({})
    await revoke(revoked.id)
    expect(await (await guest(tokenOf(revoked.url))).json()).toMatchObject({ state: 'revoked', qrString: null })
  })

  it.each([
    ['an unknown token', 'AAAAAAAAAAAAAAAAAAAAAA'],
    ['a token of the wrong length', 'short'],
    ['a token with other characters', 'AAAAAAAAAAAAAAAAAAAA%00'],
  ])('answers 404 for %s', async (_label, token) => {
    const response = await guest(token)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No such guest pass' } })
  })
})

describe('who may call the admin routes', () => {
  let callers: [who: string, credentials: Credentials, status: number][]
  let victim: Created
  beforeAll(async () => {
    victim = await made({ name: 'Victim' })
    callers = [
      ['no credentials', noCredentials, 401],
      ['a kiosk', await kioskCredentials(), 403],
      ['a plain user', await sessionCredentials((await createPassUser()).id), 403],
    ]
  })
  const routes: [name: string, send: (credentials: Credentials) => Promise<Response>][] = [
    ['GET /api/admin/guest-passes', (credentials) => listRoute(call('/api/admin/guest-passes', credentials), params({}))],
    [
      'POST /api/admin/guest-passes',
      (credentials) =>
        create({ name: 'Sneaky', groupIds: ['everyone'], validFrom: fromNow(0), validUntil: fromNow(minutes(5)) }, credentials),
    ],
    ['DELETE /api/admin/guest-passes/{id}', (credentials) => revoke(victim.id, credentials)],
  ]
  it.each(routes)('%s: 401 without credentials, 403 for kiosks and users', async (_name, send) => {
    const before = await db.guestPass.count()
    for (const [who, credentials, status] of callers) expect((await send(credentials)).status, who).toBe(status)
    expect(await db.guestPass.count()).toBe(before)
    expect((await db.guestPass.findUniqueOrThrow({ where: { id: victim.id } })).revokedAt).toBeNull()
  })
})
