// Who may call the admin console's endpoints: API keys and admins' sessions; nobody else.
import { beforeAll, describe, expect, it } from 'vitest'
import { DELETE as revokeApiKey } from '@/app/api/admin/api-keys/[id]/route'
import { GET as listApiKeys, POST as createApiKey } from '@/app/api/admin/api-keys/route'
import { GET as listDeliveries } from '@/app/api/admin/deliveries/route'
import { GET as exportCsv } from '@/app/api/admin/events.csv/route'
import { GET as listEvents } from '@/app/api/admin/events/route'
import { GET as stats } from '@/app/api/admin/events/stats/route'
import { PATCH as renameKiosk } from '@/app/api/admin/kiosks/[id]/route'
import { POST as signOut } from '@/app/api/admin/users/[id]/sign-out/route'
import type { RouteContext } from '@/lib/http/handler'
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params; one table holds them all
type Handler = (request: Request, context: RouteContext<any>) => Promise<Response>

interface Endpoint {
  name: string
  handler: Handler
  method: string
  path: () => string
  params?: () => Record<string, string>
  body?: unknown
  success: number
}

let kioskId: string
let apiKeyId: string
let targetUserId: string

const endpoints: Endpoint[] = [
  { name: 'GET /api/admin/events', handler: listEvents, method: 'GET', path: () => '/api/admin/events', success: 200 },
  { name: 'GET /api/admin/events.csv', handler: exportCsv, method: 'GET', path: () => '/api/admin/events.csv', success: 200 },
  { name: 'GET /api/admin/events/stats', handler: stats, method: 'GET', path: () => '/api/admin/events/stats', success: 200 },
  { name: 'GET /api/admin/api-keys', handler: listApiKeys, method: 'GET', path: () => '/api/admin/api-keys', success: 200 },
  {
    name: 'POST /api/admin/api-keys',
    handler: createApiKey,
    method: 'POST',
    path: () => '/api/admin/api-keys',
    body: { name: 'Key' },
    success: 201,
  },
  {
    name: 'DELETE /api/admin/api-keys/{id}',
    handler: revokeApiKey,
    method: 'DELETE',
    path: () => `/api/admin/api-keys/${apiKeyId}`,
    params: () => ({ id: apiKeyId }),
    success: 200,
  },
  { name: 'GET /api/admin/deliveries', handler: listDeliveries, method: 'GET', path: () => '/api/admin/deliveries', success: 200 },
  {
    name: 'PATCH /api/admin/kiosks/{id}',
    handler: renameKiosk,
    method: 'PATCH',
    path: () => `/api/admin/kiosks/${kioskId}`,
    params: () => ({ id: kioskId }),
    body: { name: 'Renamed' },
    success: 200,
  },
  {
    name: 'POST /api/admin/users/{id}/sign-out',
    handler: signOut,
    method: 'POST',
    path: () => `/api/admin/users/${targetUserId}/sign-out`,
    params: () => ({ id: targetUserId }),
    success: 200,
  },
]

let callers: [string, Credentials, 'ok' | 401 | 403][]

beforeAll(async () => {
  const kiosk = await kioskCredentials('Door')
  kioskId = kiosk.kioskId
  targetUserId = (await createPassUser({ name: 'Target' })).id
  const api = await apiKeyCredentials()
  // A key that is revoked over and over by the DELETE cases, not the one they authenticate with.
  const created = (await (
    await createApiKey(call('/api/admin/api-keys', api, { method: 'POST', body: { name: 'Victim' } }), params({}))
  ).json()) as { id: string }
  apiKeyId = created.id
  const user = await createPassUser({ name: 'Plain user' })
  const admin = await createPassUser({ name: 'Admin', role: 'admin' })
  callers = [
    ['no credentials', noCredentials, 401],
    ['an unknown bearer token', { authorization: 'Bearer qrd_key_nonsense' }, 401],
    ['a forged session cookie', { cookie: 'qrdoor_session=qrd_session_forged', origin: 'http://localhost' }, 401],
    ['a kiosk token', kiosk, 403],
    ['a plain user’s session', await sessionCredentials(user.id), 403],
    ['an API key', api, 'ok'],
    ['an admin’s session', await sessionCredentials(admin.id), 'ok'],
  ]
})

describe('admin console endpoints: 401 without credentials, 403 for users and kiosks, API keys and admins through', () => {
  for (const endpoint of endpoints) {
    it(endpoint.name, async () => {
      for (const [who, credentials, expected] of callers) {
        const request = call(endpoint.path(), credentials, { method: endpoint.method, body: endpoint.body })
        const response = await endpoint.handler(request, params(endpoint.params?.() ?? {}))
        const status = expected === 'ok' ? endpoint.success : expected
        expect(response.status, `${endpoint.name} as ${who}`).toBe(status)
        if (expected === 401) {
          expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'Missing or invalid credentials' } })
        } else if (expected === 403) {
          expect(await response.json()).toEqual({
            error: { code: 'forbidden', message: 'These credentials may not use this endpoint' },
          })
        } else {
          await response.arrayBuffer()
        }
      }
    })
  }
})
