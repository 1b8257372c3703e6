// A session cookie that names no live session is no credential: a change made with it is 401, as
// without a cookie, whatever its Origin. Only a live session is a caller whose cross-site change
// gets 403 (lib/auth/csrf.ts).
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { POST as createApiKey } from '@/app/api/admin/api-keys/route'
import { POST as logout } from '@/app/api/auth/logout/route'
import { createSession, revokeUserSessions, SESSION_COOKIE } from '@/lib/auth/sessions'
import { generateToken } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import { call, createPassUser, params, sessionCredentials, type Credentials } from './door/fixtures'

const unauthorized = { error: { code: 'unauthorized', message: 'Missing or invalid credentials' } }
const crossSite = { error: { code: 'forbidden', message: 'Cross-site request refused' } }

const cookie = (token: string) => `${SESSION_COOKIE}=${encodeURIComponent(token)}`
const create = (credentials: Credentials) =>
  createApiKey(call('/api/admin/api-keys', credentials, { method: 'POST', body: { name: 'k' } }), params({}))

let stale: Record<string, string>

beforeAll(async () => {
  const expired = await createPassUser({ name: 'Expired', role: 'admin' })
  const revoked = await createPassUser({ name: 'Revoked', role: 'admin' })
  const disabled = await createPassUser({ name: 'Disabled', role: 'admin', disabled: true })
  const longAgo = new Date(Date.now() - 3 * 3_600_000)
  const revokedSession = await createSession({ db, userId: revoked.id, now: new Date(), ttlHours: 1 })
  await revokeUserSessions({ db, userId: revoked.id, now: new Date() })
  stale = {
    unknown: cookie(generateToken('session')),
    malformed: cookie('not-a-token'),
    expired: cookie((await createSession({ db, userId: expired.id, now: longAgo, ttlHours: 1 })).token),
    revoked: cookie(revokedSession.token),
    'of a disabled user': cookie((await createSession({ db, userId: disabled.id, now: new Date(), ttlHours: 1 })).token),
  }
})

describe('a session cookie that names no live session', () => {
  it('is answered 401 like no credentials on a change without Origin or from another site', async () => {
    const keys = await db.apiKey.count()
    for (const [which, value] of Object.entries(stale)) {
      for (const [how, extra] of [
        ['without Origin', {}],
        ['with a foreign Origin', { origin: 'https://evil.example' }],
        ['with Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
      ] as const) {
        const response = await create({ cookie: value, ...extra })
        expect(response.status, `${which} cookie ${how}`).toBe(401)
        expect(response.headers.get('www-authenticate')).toBe('Bearer')
        expect(await response.json()).toEqual(unauthorized)
      }
    }
    expect(await db.apiKey.count()).toBe(keys)
  })

  it('does not stop POST /api/auth/logout from clearing the cookie', async () => {
    for (const value of Object.values(stale)) {
      const response = await logout(call('/api/auth/logout', { cookie: value }, { method: 'POST' }), params({}))
      expect(response.status).toBe(200)
      expect(response.headers.get('set-cookie')).toMatch(/^qrdoor_session=;/)
    }
  })
})

describe('a live session cookie', () => {
  it('is still refused 403 on a cross-site change, and accepted from our own pages', async () => {
    const admin = await createPassUser({ id: randomUUID(), name: 'Admin', role: 'admin' })
    const browser = await sessionCredentials(admin.id)
    const crossSiteCalls: Credentials[] = [{ cookie: browser.cookie! }, { cookie: browser.cookie!, origin: 'https://evil.example' }]
    for (const credentials of crossSiteCalls) {
      const response = await create(credentials)
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual(crossSite)
    }
    expect((await create(browser)).status).toBe(201)
  })
})
