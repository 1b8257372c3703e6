import { expect, type APIRequestContext } from '@playwright/test'
import { e2eAdminApiKey } from '../config'

/** Headers of an API client using ADMIN_API_KEY. Specs pass `{ origin }` instead to act with a browser session. */
export const asApiClient = { authorization: `Bearer ${e2eAdminApiKey}` }
type Auth = Record<string, string>

export async function createUser(
  request: APIRequestContext,
  user: { name: string; email?: string; phone?: string },
  auth: Auth = asApiClient,
) {
  const response = await request.post('/api/admin/users', { data: user, headers: auth })
  expect(response.status(), await response.text()).toBe(201)
  return (await response.json()) as { id: string; name: string }
}

export async function createKiosk(request: APIRequestContext, name: string, auth: Auth = asApiClient) {
  const response = await request.post('/api/admin/kiosks', { data: { name }, headers: auth })
  expect(response.status(), await response.text()).toBe(201)
  return (await response.json()) as { id: string; name: string; token: string; pairingUrl: string }
}

export async function doorState(request: APIRequestContext, userId: string) {
  const response = await request.get(`/isvalid/${encodeURIComponent(userId)}`, { headers: asApiClient })
  expect(response.status()).toBe(200)
  return ((await response.json()) as { validation: boolean }).validation
}

export async function setDisabled(request: APIRequestContext, userId: string, disabled: boolean, auth: Auth = asApiClient) {
  const response = await request.patch(`/api/admin/users/${encodeURIComponent(userId)}`, {
    data: { disabled },
    headers: auth,
  })
  expect(response.status(), await response.text()).toBe(200)
}
