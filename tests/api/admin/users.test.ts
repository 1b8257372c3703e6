import { beforeAll, describe, expect, it } from 'vitest'
import { POST as resetPass } from '@/app/api/admin/users/[id]/reset-pass/route'
import { PATCH as patchUser } from '@/app/api/admin/users/[id]/route'
import { GET as listUsers, POST as createUser } from '@/app/api/admin/users/route'
import { GET as otp } from '@/app/otp/[user_id]/route'
import { GET as validate } from '@/app/validate/[string]/route'
import { db } from '@/lib/db'
import {
  apiKeyCredentials,
  call,
  createPassUser,
  kioskCredentials,
  noCredentials,
  params,
  sessionCredentials,
  type Credentials,
} from '../door/fixtures'

let api: Credentials

beforeAll(async () => {
  api = await apiKeyCredentials()
})

type User = { id: string; email: string | null; phone: string | null; role: string; disabled: boolean; hasPass: boolean }

const create = (body: unknown, credentials: Credentials = api) =>
  createUser(call('/api/admin/users', credentials, { method: 'POST', body }), params({}))
const patch = (id: string, body: unknown, credentials: Credentials = api) =>
  patchUser(call(`/api/admin/users/${id}`, credentials, { method: 'PATCH', body }), params({ id }))
const reset = (id: string, credentials: Credentials = api) =>
  resetPass(call(`/api/admin/users/${id}/reset-pass`, credentials, { method: 'POST' }), params({ id }))
const list = (credentials: Credentials = api) => listUsers(call('/api/admin/users', credentials), params({}))
const qrStringOf = async (id: string) =>
  ((await (await otp(call(`/otp/${id}`, api), params({ user_id: id }))).json()) as { qr_string: string }).qr_string

describe('POST /api/admin/users', () => {
  it('creates a user with a door pass, normalising e-mail and phone', async () => {
    const response = await create({ name: ' Ada Lovelace ', email: ' Ada@Example.COM ', phone: '+44 (20) 7946-0958' })
    expect(response.status).toBe(201)
    const user = (await response.json()) as User
    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+442079460958',
      role: 'user',
      disabled: false,
      hasPass: true,
      lastGrantedAt: null,
      groupIds: ['everyone'],
      accessFrom: null,
      accessUntil: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    })
    expect(JSON.stringify(user)).not.toMatch(/totp|secret/i)
    expect(await qrStringOf(user.id)).toMatch(/_\d{6}$/)
  })

  it('needs an e-mail address or a phone number, and valid ones', async () => {
    for (const body of [
      { name: 'No contact' },
      { name: 'Bad mail', email: 'not-an-address' },
      { name: 'National phone', phone: '020 7946 0958' }, // no DEFAULT_PHONE_COUNTRY: which country?
      { name: 'Short phone', phone: '+12' },
      { name: '', email: 'empty-name@example.com' },
      { name: 'Bad role', email: 'role@example.com', role: 'root' },
    ]) {
      const response = await create(body)
      expect(response.status, JSON.stringify(body)).toBe(422)
      expect(await response.json()).toMatchObject({ error: { code: 'unprocessable', issues: [expect.any(Object)] } })
    }
  })

  it('refuses an e-mail address or phone number that another user has', async () => {
    expect((await create({ name: 'First', email: 'taken@example.com', phone: '+15550000001' })).status).toBe(201)
    const sameMail = await create({ name: 'Second', email: 'TAKEN@example.com' })
    expect(sameMail.status).toBe(409)
    expect(await sameMail.json()).toEqual({
      error: { code: 'conflict', message: 'Another user already has this e-mail address' },
    })
    expect((await create({ name: 'Third', phone: '+1 555 000 0001' })).status).toBe(409)
  })
})

describe('GET /api/admin/users', () => {
  it('lists users without their secrets', async () => {
    const made = (await (await create({ name: 'Listed', email: 'listed@example.com', role: 'admin' })).json()) as User
    const body = (await (await list()).json()) as { users: User[] }
    expect(body.users.find((user) => user.id === made.id)).toMatchObject({ name: 'Listed', role: 'admin', hasPass: true })
    expect(JSON.stringify(body)).not.toMatch(/totpSecret|v1\./)
  })
})

describe('PATCH /api/admin/users/{id}', () => {
  it('changes name, contact and role', async () => {
    const user = (await (await create({ name: 'Old', email: 'old@example.com' })).json()) as User
    const response = await patch(user.id, { name: 'New', email: null, phone: '+15550000002', role: 'admin' })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ id: user.id, name: 'New', email: null, phone: '+15550000002', role: 'admin' })
  })

  it('keeps one way to log in', async () => {
    const user = (await (await create({ name: 'Mail only', email: 'only@example.com' })).json()) as User
    const response = await patch(user.id, { email: null })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } })
  })

  it('disabling a user ends their sessions and their door access', async () => {
    const user = await createPassUser()
    const session = await sessionCredentials(user.id)
    expect((await otp(call(`/otp/${user.id}`, session), params({ user_id: user.id }))).status).toBe(200)
    const qr = await qrStringOf(user.id)
    expect(await (await patch(user.id, { disabled: true })).json()).toMatchObject({ disabled: true })
    expect((await otp(call(`/otp/${user.id}`, session), params({ user_id: user.id }))).status).toBe(401)
    const kiosk = await kioskCredentials()
    expect(await (await validate(call(`/validate/${qr}`, kiosk), params({ string: qr }))).json()).toEqual({
      validation: false,
    })
    // Enabling again does not bring the old login back.
    await patch(user.id, { disabled: false })
    expect((await otp(call(`/otp/${user.id}`, session), params({ user_id: user.id }))).status).toBe(401)
    const sessions = await db.session.findMany({ where: { userId: user.id } })
    expect(sessions.every((row) => row.revokedAt !== null)).toBe(true)
  })

  it('does not let an admin disable or demote themselves', async () => {
    const admin = await createPassUser({ role: 'admin' })
    const session = await sessionCredentials(admin.id)
    expect((await patch(admin.id, { disabled: true }, session)).status).toBe(409)
    expect((await patch(admin.id, { role: 'user' }, session)).status).toBe(409)
    expect((await patch(admin.id, { name: 'Still me' }, session)).status).toBe(200)
  })

  it('answers 404 for an unknown user, 409 for a taken address, 422 for bad fields', async () => {
    expect((await patch('no-such-user', { name: 'x' })).status).toBe(404)
    await create({ name: 'Holder', email: 'holder@example.com' })
    const user = (await (await create({ name: 'Other', email: 'other@example.com' })).json()) as User
    expect((await patch(user.id, { email: 'holder@example.com' })).status).toBe(409)
    // Setting one's own address again is no conflict.
    expect((await patch(user.id, { email: 'other@example.com' })).status).toBe(200)
    expect((await patch(user.id, { disabled: 'yes' })).status).toBe(422)
    expect((await patch(user.id, { phone: '12345' })).status).toBe(422)
  })
})

describe('groups and validity windows (SPEC "Doors and access rules")', () => {
  type Access = User & { groupIds: string[]; accessFrom: string | null; accessUntil: string | null }
  let staffId: string
  let nightId: string
  beforeAll(async () => {
    staffId = (await db.accessGroup.create({ data: { id: 'staff', name: 'Staff' } })).id
    nightId = (await db.accessGroup.create({ data: { id: 'night', name: 'Night shift' } })).id
  })
  const memberships = async (userId: string) =>
    (await db.accessGroupMember.findMany({ where: { userId }, orderBy: { groupId: 'asc' } })).map((row) => row.groupId)
  let members = 0
  const made = async (body: Record<string, unknown>) => {
    const response = await create({ name: 'Member', email: `member-${++members}@example.com`, ...body })
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201)
    return (await response.json()) as Access
  }

  it('creates a user in the groups and window given', async () => {
    const user = await made({
      groupIds: [staffId, nightId, staffId],
      accessFrom: '2026-12-01T09:00:00+01:00',
      accessUntil: '2027-01-01T00:00:00Z',
    })
    expect(user).toMatchObject({
      groupIds: ['night', 'staff'],
      accessFrom: '2026-12-01T08:00:00.000Z',
      accessUntil: '2027-01-01T00:00:00.000Z',
    })
    expect(await memberships(user.id)).toEqual(['night', 'staff'])
    // An empty list is no group at all, not "Everyone".
    expect((await made({ groupIds: [] })).groupIds).toEqual([])
  })

  it('replaces the groups on PATCH, sets and clears the window, and leaves what is not given', async () => {
    const user = await made({ accessFrom: '2026-12-01T00:00:00Z' })
    expect(user.groupIds).toEqual(['everyone'])
    const changed = await patch(user.id, { groupIds: [nightId], accessUntil: '2026-12-31T00:00:00Z' })
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({
      groupIds: ['night'],
      accessFrom: '2026-12-01T00:00:00.000Z',
      accessUntil: '2026-12-31T00:00:00.000Z',
    })
    expect(await memberships(user.id)).toEqual(['night'])
    expect(await (await patch(user.id, { name: 'Renamed' })).json()).toMatchObject({
      groupIds: ['night'],
      accessUntil: '2026-12-31T00:00:00.000Z',
    })
    expect(await (await patch(user.id, { accessFrom: null, accessUntil: null, groupIds: [] })).json()).toMatchObject({
      groupIds: [],
      accessFrom: null,
      accessUntil: null,
    })
    expect(await memberships(user.id)).toEqual([])
  })

  const fieldError = (field: string, message: string) => ({
    error: { code: 'bad_request', message: `${field}: ${message}`, issues: [{ path: field, message }] },
  })
  let windowed: Access
  beforeAll(async () => {
    windowed = await made({ groupIds: [staffId], accessFrom: '2026-12-01T00:00:00Z', accessUntil: '2026-12-31T00:00:00Z' })
  })
  const cases: [label: string, send: () => Promise<Response>, status: number, answer: unknown][] = [
    [
      'POST an unknown group',
      () => create({ name: 'X', email: 'x1@example.com', groupIds: ['staff', 'ghosts'] }),
      400,
      fieldError('groupIds', 'no access group ghosts'),
    ],
    [
      'POST accessUntil before accessFrom',
      () => create({ name: 'X', email: 'x2@example.com', accessFrom: '2026-12-02T00:00:00Z', accessUntil: '2026-12-01T00:00:00Z' }),
      400,
      fieldError('accessUntil', 'must be after accessFrom'),
    ],
    [
      'POST accessUntil at accessFrom',
      () => create({ name: 'X', email: 'x3@example.com', accessFrom: '2026-12-01T01:00:00+01:00', accessUntil: '2026-12-01T00:00:00Z' }),
      400,
      fieldError('accessUntil', 'must be after accessFrom'),
    ],
    ['PATCH an unknown group', () => patch(windowed.id, { groupIds: ['ghosts'] }), 400, fieldError('groupIds', 'no access group ghosts')],
    [
      'PATCH accessUntil before the stored accessFrom',
      () => patch(windowed.id, { accessUntil: '2026-11-30T00:00:00Z' }),
      400,
      fieldError('accessUntil', 'must be after accessFrom'),
    ],
    [
      'PATCH accessFrom after the stored accessUntil',
      () => patch(windowed.id, { accessFrom: '2027-01-01T00:00:00Z' }),
      400,
      fieldError('accessUntil', 'must be after accessFrom'),
    ],
  ]
  it.each(cases.map(([label, send, status, answer]) => [label, status, send, answer] as const))(
    '%s → %i, and nothing changes',
    async (_label, status, send, answer) => {
      const response = await send()
      expect(response.status).toBe(status)
      expect(await response.json()).toEqual(answer)
      expect(await db.user.count({ where: { email: { in: ['x1@example.com', 'x2@example.com', 'x3@example.com'] } } })).toBe(0)
      expect(await db.user.findUniqueOrThrow({ where: { id: windowed.id } })).toMatchObject({
        accessFrom: new Date('2026-12-01T00:00:00Z'),
        accessUntil: new Date('2026-12-31T00:00:00Z'),
      })
      expect(await memberships(windowed.id)).toEqual(['staff'])
    },
  )

  it('refuses a time without its offset as a schema violation (422)', async () => {
    const response = await create({ name: 'X', email: 'x4@example.com', accessFrom: '2026-12-01T09:00:00' })
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ error: { code: 'unprocessable', issues: [{ path: 'accessFrom' }] } })
  })

  it('does not list or change the holders of guest passes', async () => {
    const holder = await db.user.create({ data: { id: 'guest-holder', name: 'Guest', role: 'guest' } })
    const body = (await (await list()).json()) as { users: User[] }
    expect(body.users.map((user) => user.id)).not.toContain(holder.id)
    expect(body.users.every((user) => user.role !== 'guest')).toBe(true)
    const response = await patch(holder.id, { name: 'Not a guest', role: 'user', email: 'hijack@example.com' })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No such user' } })
    expect(await db.user.findUniqueOrThrow({ where: { id: holder.id } })).toMatchObject({ name: 'Guest', role: 'guest', email: null })
  })
})

describe('POST /api/admin/users/{id}/reset-pass', () => {
  it('gives the user a new secret: the old QR string stops working at once', async () => {
    const user = await createPassUser()
    const kiosk = await kioskCredentials()
    const old = await qrStringOf(user.id)
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    const response = await reset(user.id)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ id: user.id, hasPass: true })
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(after.totpSecretEnc).not.toBe(before.totpSecretEnc)
    expect(await (await validate(call(`/validate/${old}`, kiosk), params({ string: old }))).json()).toEqual({
      validation: false,
    })
    const fresh = await qrStringOf(user.id)
    expect(await (await validate(call(`/validate/${fresh}`, kiosk), params({ string: fresh }))).json()).toEqual({
      validation: true,
    })
    expect((await reset('no-such-user')).status).toBe(404)
  })
})

describe('who may use /api/admin/users', () => {
  it('answers 401 without credentials and 403 to users and kiosks', async () => {
    const user = await createPassUser()
    const admin = await createPassUser({ role: 'admin' })
    const cases: [string, Credentials, number][] = [
      ['none', noCredentials, 401],
      ['wrong key', { authorization: 'Bearer nope' }, 401],
      ['user', await sessionCredentials(user.id), 403],
      ['kiosk', await kioskCredentials(), 403],
      ['admin', await sessionCredentials(admin.id), 200],
      ['api', api, 200],
    ]
    for (const [who, credentials, status] of cases) {
      expect((await list(credentials)).status, who).toBe(status)
      expect((await create({ name: 'N', email: `${who.replace(' ', '-')}@example.org` }, credentials)).status, who).toBe(
        status === 200 ? 201 : status,
      )
      expect((await patch(user.id, { name: 'Renamed' }, credentials)).status, who).toBe(status)
      expect((await reset(user.id, credentials)).status, who).toBe(status)
    }
  })
})
