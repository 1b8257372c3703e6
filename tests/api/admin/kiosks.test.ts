import { beforeAll, describe, expect, it } from 'vitest'
import { DELETE as revokeKiosk, PATCH as patchKiosk } from '@/app/api/admin/kiosks/[id]/route'
import { GET as listKiosks, POST as createKiosk } from '@/app/api/admin/kiosks/route'
import { GET as kioskMe } from '@/app/api/kiosk/me/route'
import { GET as validate } from '@/app/validate/[string]/route'
import { hashToken } from '@/lib/auth/tokens'
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

const create = (body: unknown, credentials: Credentials = api) =>
  createKiosk(call('/api/admin/kiosks', credentials, { method: 'POST', body }), params({}))
const revoke = (id: string, credentials: Credentials = api) =>
  revokeKiosk(call(`/api/admin/kiosks/${id}`, credentials, { method: 'DELETE' }), params({ id }))
const scanWith = (token: string) =>
  validate(call('/validate/GEZDGNBV_123456', { authorization: `Bearer ${token}` }), params({ string: 'GEZDGNBV_123456' }))

describe('/api/admin/kiosks', () => {
  it('pairs a kiosk: the token is shown once, stored hashed, and works on /validate', async () => {
    const response = await create({ name: '  Front door ' })
    expect(response.status).toBe(201)
    const body = (await response.json()) as { id: string; name: string; token: string; pairingUrl: string }
    expect(body).toEqual({
      id: expect.any(String),
      name: 'Front door',
      doorId: 'front-door',
      doorName: 'Front door',
      token: expect.stringMatching(/^qrd_kiosk_[\w-]{43}$/),
      pairingUrl: `/kiosk?pair=${body.token}`,
    })
    const row = await db.kiosk.findUniqueOrThrow({ where: { id: body.id } })
    expect(row.tokenHash).toBe(hashToken(body.token))
    expect(JSON.stringify(row)).not.toContain(body.token)
    expect((await scanWith(body.token)).status).toBe(200)

    const list = await listKiosks(call('/api/admin/kiosks', api), params({}))
    const listed = ((await list.json()) as { kiosks: Record<string, unknown>[] }).kiosks.find((k) => k.id === body.id)
    expect(listed).toEqual({
      id: body.id,
      name: 'Front door',
      createdAt: expect.any(String),
      revokedAt: null,
      lastSeenAt: expect.any(String),
      // Seen by its scan, but online only once it sends heartbeats (lib/events/kiosk-presence.ts).
      online: false,
      offlineSince: expect.any(String),
      doorId: 'front-door',
      doorName: 'Front door',
    })
  })

  it('revokes a kiosk: its token gets 401 at once, revoking again keeps the first time', async () => {
    const { id, token } = (await (await create({ name: 'Side door' })).json()) as { id: string; token: string }
    expect((await scanWith(token)).status).toBe(200)
    const response = await revoke(id)
    expect(response.status).toBe(200)
    const revokedAt = ((await response.json()) as { revokedAt: string }).revokedAt
    expect(revokedAt).toEqual(expect.any(String))
    expect((await scanWith(token)).status).toBe(401)
    expect(((await (await revoke(id)).json()) as { revokedAt: string }).revokedAt).toBe(revokedAt)
  })

  it('answers 404 for an unknown kiosk and 422 for a bad name, in the app error style', async () => {
    const missing = await revoke('no-such-kiosk')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No such kiosk' } })
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 7 }, { name: 'x'.repeat(101) }]) {
      const response = await create(body)
      expect(response.status, JSON.stringify(body)).toBe(422)
      expect(await response.json()).toMatchObject({ error: { code: 'unprocessable', issues: [{ path: 'name' }] } })
    }
    const broken = await create('{"name":')
    expect(broken.status).toBe(400)
    expect(await broken.json()).toMatchObject({ error: { code: 'invalid_json' } })
  })

  it('pairs a kiosk at the door given, moves it, and tells the kiosk its door', async () => {
    await db.door.create({ data: { id: 'garage', name: 'Garage' } })
    const response = await create({ name: 'Garage tablet', doorId: 'garage' })
    expect(response.status).toBe(201)
    const { id, token } = (await response.json()) as { id: string; token: string; doorId: string }
    const me = async () => (await kioskMe(call('/api/kiosk/me', { authorization: `Bearer ${token}` }), params({}))).json()
    expect(await me()).toEqual({ kiosk: { id, name: 'Garage tablet' }, door: { id: 'garage', name: 'Garage' } })

    const moved = await patchKiosk(
      call(`/api/admin/kiosks/${id}`, api, { method: 'PATCH', body: { doorId: 'front-door' } }),
      params({ id }),
    )
    expect(moved.status).toBe(200)
    expect(await moved.json()).toMatchObject({ id, name: 'Garage tablet', doorId: 'front-door', doorName: 'Front door' })
    expect(await me()).toEqual({ kiosk: { id, name: 'Garage tablet' }, door: { id: 'front-door', name: 'Front door' } })
  })

  it('answers 400 naming doorId for a door that does not exist, and changes nothing', async () => {
    const unknownDoor = {
      error: { code: 'bad_request', message: 'doorId: no door attic', issues: [{ path: 'doorId', message: 'no door attic' }] },
    }
    const before = await db.kiosk.count()
    const created = await create({ name: 'Attic tablet', doorId: 'attic' })
    expect(created.status).toBe(400)
    expect(await created.json()).toEqual(unknownDoor)
    expect(await db.kiosk.count()).toBe(before)

    const { kioskId } = await kioskCredentials('Stays')
    const moved = await patchKiosk(
      call(`/api/admin/kiosks/${kioskId}`, api, { method: 'PATCH', body: { name: 'Moved', doorId: 'attic' } }),
      params({ id: kioskId }),
    )
    expect(moved.status).toBe(400)
    expect(await moved.json()).toEqual(unknownDoor)
    expect(await db.kiosk.findUniqueOrThrow({ where: { id: kioskId } })).toMatchObject({ name: 'Stays', doorId: null })
  })

  it('is for API clients and admins: 401 without credentials, 403 for users and kiosks', async () => {
    const user = await createPassUser()
    const admin = await createPassUser({ role: 'admin' })
    const kiosk = await kioskCredentials()
    const cases: [Credentials, number][] = [
      [noCredentials, 401],
      [{ authorization: 'Bearer qrd_key_wrong' }, 401],
      [await sessionCredentials(user.id), 403],
      [kiosk, 403],
      [await sessionCredentials(admin.id), 200],
      [api, 200],
    ]
    for (const [credentials, status] of cases) {
      expect((await listKiosks(call('/api/admin/kiosks', credentials), params({}))).status).toBe(status)
      expect((await create({ name: 'Door' }, credentials)).status).toBe(status === 200 ? 201 : status)
      expect((await revoke(kiosk.kioskId, credentials)).status).toBe(status)
    }
    const unauthorized = await listKiosks(call('/api/admin/kiosks', noCredentials), params({}))
    expect(await unauthorized.json()).toEqual({
      error: { code: 'unauthorized', message: 'Missing or invalid credentials' },
    })
  })
})
