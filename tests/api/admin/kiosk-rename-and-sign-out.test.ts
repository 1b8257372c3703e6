// PATCH /api/admin/kiosks/{id} (rename) and POST /api/admin/users/{id}/sign-out (sign out everywhere).
import { beforeAll, describe, expect, it } from 'vitest'
import { GET as listEvents } from '@/app/api/admin/events/route'
import { PATCH as renameKiosk } from '@/app/api/admin/kiosks/[id]/route'
import { POST as signOut } from '@/app/api/admin/users/[id]/sign-out/route'
import { GET as session } from '@/app/api/auth/session/route'
import { createSession } from '@/lib/auth/sessions'
import { hashToken } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import { recordAccessEvent } from '@/lib/door/access-event'
import { apiKeyCredentials, call, createPassUser, kioskCredentials, params, sessionCredentials, type Credentials } from '../door/fixtures'

let api: Credentials

beforeAll(async () => {
  api = await apiKeyCredentials()
})

const rename = (id: string, body: unknown, credentials: Credentials = api) =>
  renameKiosk(call(`/api/admin/kiosks/${id}`, credentials, { method: 'PATCH', body }), params({ id }))
const signOutUser = (id: string, credentials: Credentials = api) =>
  signOut(call(`/api/admin/users/${id}/sign-out`, credentials, { method: 'POST' }), params({ id }))
const sessionStatus = async (credentials: Credentials) => (await session(call('/api/auth/session', credentials), params({}))).status

describe('PATCH /api/admin/kiosks/{id}', () => {
  it('renames a kiosk; its token keeps working and its past events show the new name', async () => {
    const kiosk = await kioskCredentials('Front door')
    await recordAccessEvent({ db, now: new Date(), reason: 'malformed', userId: null, kioskId: kiosk.kioskId, input: 'x' })
    const response = await rename(kiosk.kioskId, { name: '  Main entrance ' })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      id: kiosk.kioskId,
      name: 'Main entrance',
      createdAt: expect.any(String),
      revokedAt: null,
      lastSeenAt: null,
      online: false,
      offlineSince: null,
      doorId: null,
      doorName: null,
    })
    expect((await db.kiosk.findUniqueOrThrow({ where: { id: kiosk.kioskId } })).name).toBe('Main entrance')
    const events = (await (await listEvents(call(`/api/admin/events?kiosk=${kiosk.kioskId}`, api), params({}))).json()) as {
      events: { kioskName: string }[]
    }
    expect(events.events.map((event) => event.kioskName)).toEqual(['Main entrance'])
  })

  it('answers 404 for an unknown kiosk and 422 for a bad name; an empty change changes nothing', async () => {
    const missing = await rename('no-such-kiosk', { name: 'Door' })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No such kiosk' } })
    const { kioskId } = await kioskCredentials('Keep')
    for (const body of [{ name: '' }, { name: ' ' }, { name: 1 }, { name: 'x'.repeat(101) }]) {
      expect((await rename(kioskId, body)).status, JSON.stringify(body)).toBe(422)
    }
    expect(await (await rename(kioskId, {})).json()).toMatchObject({ id: kioskId, name: 'Keep' })
    expect((await db.kiosk.findUniqueOrThrow({ where: { id: kioskId } })).name).toBe('Keep')
  })
})

describe('POST /api/admin/users/{id}/sign-out', () => {
  it('ends every live session of the user at once, and only theirs', async () => {
    const ada = await createPassUser({ name: 'Ada' })
    const bob = await createPassUser({ name: 'Bob' })
    const phone = await sessionCredentials(ada.id)
    const laptop = await sessionCredentials(ada.id)
    const bobs = await sessionCredentials(bob.id)
    // Neither an expired nor an already revoked session counts as signed in.
    await createSession({ db, userId: ada.id, now: new Date(Date.now() - 3 * 3_600_000), ttlHours: 1 })
    const old = await createSession({ db, userId: ada.id, now: new Date(), ttlHours: 1 })
    await db.session.updateMany({ where: { tokenHash: hashToken(old.token) }, data: { revokedAt: new Date() } })
    expect(await sessionStatus(phone)).toBe(200)
    expect(await sessionStatus(laptop)).toBe(200)

    const response = await signOutUser(ada.id)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ revoked: 2 })
    expect(await sessionStatus(phone)).toBe(401)
    expect(await sessionStatus(laptop)).toBe(401)
    expect(await sessionStatus(bobs)).toBe(200)
    expect(await (await signOutUser(ada.id)).json()).toEqual({ revoked: 0 })
  })

  it('lets an admin sign themselves out everywhere, this session included', async () => {
    const admin = await createPassUser({ role: 'admin' })
    const own = await sessionCredentials(admin.id)
    const response = await signOutUser(admin.id, own)
    expect(await response.json()).toEqual({ revoked: 1 })
    expect(await sessionStatus(own)).toBe(401)
  })

  it('answers 404 for an unknown user', async () => {
    const missing = await signOutUser('no-such-user')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No such user' } })
  })
})
