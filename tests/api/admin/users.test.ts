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
