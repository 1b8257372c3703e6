import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { authenticate, requireCaller } from '@/lib/auth/authenticate'
import { createSession, revokeUserSessions, SESSION_COOKIE } from '@/lib/auth/sessions'
import { generateToken, hashToken } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import type { ApiError } from '@/lib/http/errors'

const now = new Date('2026-03-01T12:00:00Z')
const adminApiKey = 'bootstrap-admin-key-0123456789'

const withBearer = (token: string) => new Request('http://x/', { headers: { authorization: `Bearer ${token}` } })
const withSession = (token: string) => new Request('http://x/', { headers: { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` } })

async function user(role = 'user', disabled = false) {
  return db.user.create({ data: { id: randomUUID(), name: `U ${role}`, role, disabled, createdAt: now, updatedAt: now } })
}

describe('authenticate', () => {
  it('accepts ADMIN_API_KEY and stored API keys, not revoked ones', async () => {
    expect(await authenticate({ db, now, adminApiKey, request: withBearer(adminApiKey) })).toEqual({
      kind: 'api',
      apiKeyId: null,
    })
    const key = generateToken('key')
    const row = await db.apiKey.create({
      data: { id: randomUUID(), name: 'ci', prefix: key.slice(0, 12), keyHash: hashToken(key), createdAt: now },
    })
    expect(await authenticate({ db, now, request: withBearer(key) })).toEqual({ kind: 'api', apiKeyId: row.id })
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).toEqual(now)
    await db.apiKey.update({ where: { id: row.id }, data: { revokedAt: now } })
    expect(await authenticate({ db, now, request: withBearer(key) })).toBeNull()
  })

  it('recognises kiosks by their token', async () => {
    const token = generateToken('kiosk')
    const kiosk = await db.kiosk.create({ data: { id: randomUUID(), name: 'Front door', tokenHash: hashToken(token) } })
    expect(await authenticate({ db, now, request: withBearer(token) })).toEqual({
      kind: 'kiosk',
      kioskId: kiosk.id,
      kioskName: 'Front door',
      doorId: null,
    })
  })

  it('accepts live sessions only', async () => {
    const person = await user()
    const live = await createSession({ db, userId: person.id, now, ttlHours: 1 })
    expect(await authenticate({ db, now, request: withSession(live.token) })).toMatchObject({
      kind: 'user',
      userId: person.id,
    })
    const later = new Date(now.getTime() + 2 * 3_600_000)
    expect(await authenticate({ db, now: later, request: withSession(live.token) })).toBeNull()
    await revokeUserSessions({ db, userId: person.id, now })
    expect(await authenticate({ db, now, request: withSession(live.token) })).toBeNull()
    expect(await authenticate({ db, now, request: withSession('qrd_session_forged') })).toBeNull()
  })

  it('refuses sessions of disabled users', async () => {
    const person = await user('user', true)
    const session = await createSession({ db, userId: person.id, now, ttlHours: 1 })
    expect(await authenticate({ db, now, request: withSession(session.token) })).toBeNull()
  })
})

describe('requireCaller', () => {
  it('answers 401 without credentials and 403 for the wrong kind', async () => {
    const none = (await requireCaller({ db, now, request: new Request('http://x/'), allow: ['api'] }).catch((e: unknown) => e)) as ApiError
    expect(none.status).toBe(401)
    const person = await user()
    const session = await createSession({ db, userId: person.id, now, ttlHours: 1 })
    const wrong = (await requireCaller({ db, now, request: withSession(session.token), allow: ['admin', 'api'] }).catch(
      (e: unknown) => e,
    )) as ApiError
    expect(wrong.status).toBe(403)
  })

  it('lets an admin session through where admins are allowed', async () => {
    const admin = await user('admin')
    const session = await createSession({ db, userId: admin.id, now, ttlHours: 1 })
    await expect(requireCaller({ db, now, request: withSession(session.token), allow: ['admin'] })).resolves.toMatchObject({
      kind: 'user',
      role: 'admin',
    })
  })
})
