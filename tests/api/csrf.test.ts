// Cross-site request forgery: a change made with the session cookie must come from our own pages
// (an Origin of this host, or Sec-Fetch-Site: same-origin); bearer callers and reads are not asked.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { DELETE as revokeApiKey } from '@/app/api/admin/api-keys/[id]/route'
import { GET as listApiKeys, POST as createApiKey } from '@/app/api/admin/api-keys/route'
import { DELETE as deleteDoor, PATCH as patchDoor } from '@/app/api/admin/doors/[id]/route'
import { POST as createDoor } from '@/app/api/admin/doors/route'
import { POST as unlockDoor } from '@/app/api/admin/doors/[id]/unlock/route'
import { DELETE as deleteWebhook } from '@/app/api/admin/webhooks/[id]/route'
import { POST as retryDelivery } from '@/app/api/admin/webhooks/deliveries/[id]/retry/route'
import { POST as createWebhook } from '@/app/api/admin/webhooks/route'
import { DELETE as deleteGroup, PATCH as patchGroup } from '@/app/api/admin/groups/[id]/route'
import { POST as createGroup } from '@/app/api/admin/groups/route'
import { DELETE as revokeGuestPass } from '@/app/api/admin/guest-passes/[id]/route'
import { POST as createGuestPass } from '@/app/api/admin/guest-passes/route'
import { DELETE as revokeKiosk, PATCH as renameKiosk } from '@/app/api/admin/kiosks/[id]/route'
import { POST as createKiosk } from '@/app/api/admin/kiosks/route'
import { POST as resetPass } from '@/app/api/admin/users/[id]/reset-pass/route'
import { PATCH as patchUser } from '@/app/api/admin/users/[id]/route'
import { POST as liftLockout } from '@/app/api/admin/users/[id]/lift-lockout/route'
import { POST as signOut } from '@/app/api/admin/users/[id]/sign-out/route'
import { POST as createUser } from '@/app/api/admin/users/route'
import { POST as logout } from '@/app/api/auth/logout/route'
import { GET as session } from '@/app/api/auth/session/route'
import { db } from '@/lib/db'
import { createWebhookEndpoint } from '@/lib/events/webhooks'
import type { RouteContext } from '@/lib/http/handler'
import { listAppRoutes } from '@/lib/openapi/route-coverage'
import { apiKeyCredentials, call, createPassUser, kioskCredentials, params, sessionCredentials, type Credentials } from './door/fixtures'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params; one table holds them all
type Handler = (request: Request, context: RouteContext<any>) => Promise<Response>

let admin: { id: string }
let target: { id: string }
let kioskId: string
let apiKeyId: string
let adminSession: Credentials
let api: Credentials
let emails = 0
let groups = 0
let guestPassId: string
/**
 * Doors and groups for the DELETE cases, one per request (each case sends eight): a deleted one is
 * 404 the next time. `path` looks at the next one and `params`, called after it, takes it.
 */
const doomed = { doors: [] as string[], groups: [] as string[], webhooks: [] as string[] }
let deliveryId: string
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString()

const crossSite = { error: { code: 'forbidden', message: 'Cross-site request refused' } }

/** Every cookie-authenticated change the app has, with a request that would succeed from our own pages. */
const changes: {
  route: string
  handler: Handler
  method: string
  path: () => string
  params?: () => Record<string, string>
  body?: () => unknown
}[] = [
  {
    route: 'POST /api/admin/api-keys',
    handler: createApiKey,
    method: 'POST',
    path: () => '/api/admin/api-keys',
    body: () => ({ name: 'k' }),
  },
  {
    route: 'DELETE /api/admin/api-keys/{id}',
    handler: revokeApiKey,
    method: 'DELETE',
    path: () => `/api/admin/api-keys/${apiKeyId}`,
    params: () => ({ id: apiKeyId }),
  },
  { route: 'POST /api/admin/doors', handler: createDoor, method: 'POST', path: () => '/api/admin/doors', body: () => ({ name: 'Door' }) },
  {
    route: 'PATCH /api/admin/doors/{id}',
    handler: patchDoor,
    method: 'PATCH',
    path: () => '/api/admin/doors/front-door',
    params: () => ({ id: 'front-door' }),
    body: () => ({ unlockSeconds: 6 }),
  },
  {
    route: 'DELETE /api/admin/doors/{id}',
    handler: deleteDoor,
    method: 'DELETE',
    path: () => `/api/admin/doors/${doomed.doors[0]}`,
    params: () => ({ id: doomed.doors.shift()! }),
  },
  {
    route: 'POST /api/admin/doors/{id}/unlock',
    handler: unlockDoor,
    method: 'POST',
    path: () => '/api/admin/doors/front-door/unlock',
    params: () => ({ id: 'front-door' }),
  },
  {
    route: 'POST /api/admin/webhooks',
    handler: createWebhook,
    method: 'POST',
    path: () => '/api/admin/webhooks',
    // Nothing listens there: deliveries fail, which this test does not look at.
    body: () => ({ url: 'http://127.0.0.1:9/hook', eventTypes: ['kiosk.offline'] }),
  },
  {
    route: 'DELETE /api/admin/webhooks/{id}',
    handler: deleteWebhook,
    method: 'DELETE',
    path: () => `/api/admin/webhooks/${doomed.webhooks[0]}`,
    params: () => ({ id: doomed.webhooks.shift()! }),
  },
  {
    route: 'POST /api/admin/webhooks/deliveries/{id}/retry',
    handler: retryDelivery,
    method: 'POST',
    path: () => `/api/admin/webhooks/deliveries/${deliveryId}/retry`,
    params: () => ({ id: deliveryId }),
  },
  {
    route: 'POST /api/admin/groups',
    handler: createGroup,
    method: 'POST',
    path: () => '/api/admin/groups',
    body: () => ({ name: `Group ${++groups}` }),
  },
  {
    route: 'PATCH /api/admin/groups/{id}',
    handler: patchGroup,
    method: 'PATCH',
    path: () => '/api/admin/groups/everyone',
    params: () => ({ id: 'everyone' }),
    body: () => ({ schedule: [] }),
  },
  {
    route: 'DELETE /api/admin/groups/{id}',
    handler: deleteGroup,
    method: 'DELETE',
    path: () => `/api/admin/groups/${doomed.groups[0]}`,
    params: () => ({ id: doomed.groups.shift()! }),
  },
  {
    route: 'POST /api/admin/guest-passes',
    handler: createGuestPass,
    method: 'POST',
    path: () => '/api/admin/guest-passes',
    body: () => ({ name: 'Guest', groupIds: ['everyone'], validFrom: new Date().toISOString(), validUntil: inAWeek() }),
  },
  {
    route: 'DELETE /api/admin/guest-passes/{id}',
    handler: revokeGuestPass,
    method: 'DELETE',
    path: () => `/api/admin/guest-passes/${guestPassId}`,
    params: () => ({ id: guestPassId }),
  },
  {
    route: 'POST /api/admin/kiosks',
    handler: createKiosk,
    method: 'POST',
    path: () => '/api/admin/kiosks',
    body: () => ({ name: 'Door' }),
  },
  {
    route: 'PATCH /api/admin/kiosks/{id}',
    handler: renameKiosk,
    method: 'PATCH',
    path: () => `/api/admin/kiosks/${kioskId}`,
    params: () => ({ id: kioskId }),
    body: () => ({ name: 'Renamed' }),
  },
  {
    route: 'DELETE /api/admin/kiosks/{id}',
    handler: revokeKiosk,
    method: 'DELETE',
    path: () => `/api/admin/kiosks/${kioskId}`,
    params: () => ({ id: kioskId }),
  },
  {
    route: 'POST /api/admin/users',
    handler: createUser,
    method: 'POST',
    path: () => '/api/admin/users',
    body: () => ({ name: 'New', email: `new-${++emails}@example.com` }),
  },
  {
    route: 'PATCH /api/admin/users/{id}',
    handler: patchUser,
    method: 'PATCH',
    path: () => `/api/admin/users/${target.id}`,
    params: () => ({ id: target.id }),
    body: () => ({ name: 'Renamed' }),
  },
  {
    route: 'POST /api/admin/users/{id}/reset-pass',
    handler: resetPass,
    method: 'POST',
    path: () => `/api/admin/users/${target.id}/reset-pass`,
    params: () => ({ id: target.id }),
  },
  {
    route: 'POST /api/admin/users/{id}/sign-out',
    handler: signOut,
    method: 'POST',
    path: () => `/api/admin/users/${target.id}/sign-out`,
    params: () => ({ id: target.id }),
  },
  {
    route: 'POST /api/admin/users/{id}/lift-lockout',
    handler: liftLockout,
    method: 'POST',
    path: () => `/api/admin/users/${target.id}/lift-lockout`,
    params: () => ({ id: target.id }),
  },
]

beforeAll(async () => {
  admin = await createPassUser({ name: 'Admin', role: 'admin' })
  target = await createPassUser({ name: 'Target' })
  kioskId = (await kioskCredentials('Door')).kioskId
  api = await apiKeyCredentials()
  apiKeyId = (
    (await (await createApiKey(call('/api/admin/api-keys', api, { method: 'POST', body: { name: 'v' } }), params({}))).json()) as {
      id: string
    }
  ).id
  adminSession = await sessionCredentials(admin.id)
  const endpoint = await createWebhookEndpoint({ db, now: new Date(), url: 'http://127.0.0.1:9/hook', eventTypes: ['kiosk.online'] })
  deliveryId = 'csrf-test-delivery'
  await db.webhookDelivery.create({
    data: {
      id: deliveryId,
      endpointId: endpoint.id,
      eventId: 'evt_csrf',
      type: 'kiosk.online',
      body: '{}',
      status: 'failed',
      createdAt: new Date(),
    },
  })
  for (let i = 0; i < 8; i++) {
    doomed.webhooks.push(
      (await createWebhookEndpoint({ db, now: new Date(), url: `http://127.0.0.1:9/${i}`, eventTypes: ['kiosk.online'] })).id,
    )
    doomed.doors.push((await db.door.create({ data: { id: `doomed-${i}`, name: `Doomed ${i}` } })).id)
    doomed.groups.push((await db.accessGroup.create({ data: { id: `doomed-${i}`, name: `Doomed ${i}` } })).id)
  }
  const guestPass = await createGuestPass(
    call('/api/admin/guest-passes', api, {
      method: 'POST',
      body: { name: 'Victim', groupIds: ['everyone'], validFrom: new Date().toISOString(), validUntil: inAWeek() },
    }),
    params({}),
  )
  guestPassId = ((await guestPass.json()) as { id: string }).id
})

const cookieOnly = () => ({ cookie: adminSession.cookie! })
const send = (change: (typeof changes)[number], credentials: Credentials) =>
  change.handler(call(change.path(), credentials, { method: change.method, body: change.body?.() }), params(change.params?.() ?? {}))

describe('cookie-authenticated changes', () => {
  it('the table below covers every admin route that changes something', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const served = listAppRoutes(join(root, 'app'))
      .filter((route) => route.path.startsWith('/api/admin'))
      .flatMap((route) => route.methods.filter((m) => m !== 'get').map((m) => `${m.toUpperCase()} ${route.path}`))
    expect(changes.map((change) => change.route).sort()).toEqual(served.sort())
  })

  for (const change of changes) {
    it(`${change.route}: refused without Origin or from another site, done from our own pages`, async () => {
      const keysBefore = await db.apiKey.count()
      const refusals: [string, Credentials][] = [
        ['no Origin', cookieOnly()],
        ['a foreign Origin', { ...cookieOnly(), origin: 'https://evil.example' }],
        ['the opaque Origin', { ...cookieOnly(), origin: 'null' }],
        ['Sec-Fetch-Site: cross-site', { ...cookieOnly(), 'sec-fetch-site': 'cross-site' }],
        ['Sec-Fetch-Site: same-site', { ...cookieOnly(), 'sec-fetch-site': 'same-site' }],
      ]
      for (const [how, credentials] of refusals) {
        const response = await send(change, credentials)
        expect(response.status, `${change.route} with ${how}`).toBe(403)
        expect(await response.json()).toEqual(crossSite)
      }
      expect(await db.apiKey.count()).toBe(keysBefore)
      expect((await send(change, adminSession)).status).toBeLessThan(300)
      expect((await send(change, { ...cookieOnly(), 'sec-fetch-site': 'same-origin' })).status).toBeLessThan(300)
      // API clients are not browsers: their key is never sent on their behalf.
      expect((await send(change, { ...api, origin: 'https://evil.example' })).status).toBeLessThan(300)
    })
  }

  it('refuses before changing anything: no key made, no session ended', async () => {
    const keys = await db.apiKey.count()
    const create = changes.find((change) => change.route === 'POST /api/admin/api-keys')!
    expect((await send(create, { ...cookieOnly(), origin: 'https://evil.example' })).status).toBe(403)
    expect(await db.apiKey.count()).toBe(keys)
    const victim = await sessionCredentials(target.id)
    const signOutTarget = changes.find((change) => change.route === 'POST /api/admin/users/{id}/sign-out')!
    expect((await send(signOutTarget, cookieOnly())).status).toBe(403)
    expect((await session(call('/api/auth/session', victim), params({}))).status).toBe(200)
  })

  it('accepts the public host that a reverse proxy forwards in Host', async () => {
    const request = new Request('http://localhost/api/admin/api-keys', {
      method: 'POST',
      headers: { ...cookieOnly(), host: 'door.example.com', origin: 'https://door.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'via proxy' }),
    })
    expect((await createApiKey(request, params({}))).status).toBe(201)
  })

  it('does not ask reads: a cross-site GET with the cookie is answered', async () => {
    const response = await listApiKeys(call('/api/admin/api-keys', { ...cookieOnly(), origin: 'https://evil.example' }), params({}))
    expect(response.status).toBe(200)
  })

  it('the wrong kind of session still gets its own 403 from our pages', async () => {
    const user = await createPassUser({ name: 'Plain' })
    const create = changes.find((change) => change.route === 'POST /api/admin/api-keys')!
    const response = await send(create, await sessionCredentials(user.id))
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ error: { code: 'forbidden', message: 'These credentials may not use this endpoint' } })
  })
})

describe('POST /api/auth/logout', () => {
  const out = (credentials: Credentials) => logout(call('/api/auth/logout', credentials, { method: 'POST' }), params({}))
  const alive = async (credentials: Credentials) => (await session(call('/api/auth/session', credentials), params({}))).status === 200

  it('refuses a cross-site sign-out and leaves the session alone', async () => {
    const user = await createPassUser({ name: 'Someone' })
    const browser = await sessionCredentials(user.id)
    const refused: Credentials[] = [{ cookie: browser.cookie! }, { cookie: browser.cookie!, origin: 'https://evil.example' }]
    for (const credentials of refused) {
      const response = await out(credentials)
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual(crossSite)
      expect(response.headers.get('set-cookie')).toBeNull()
      expect(await alive(browser)).toBe(true)
    }
    const response = await out(browser)
    expect(response.status).toBe(200)
    expect(await alive(browser)).toBe(false)
  })

  it('still clears the cookie for a caller without a session', async () => {
    const response = await out({})
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toMatch(/^qrdoor_session=;/)
  })
})
