import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type APIRequestContext, type Page } from '@playwright/test'
import { asApiClient } from './admin-api'
import { signInThroughPage } from './session'

/** A name no other test (nor an earlier run against the same server) uses. */
export function uniqueName(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

const adminsMade: string[] = []

/** A fresh admin account (made through ADMIN_API_KEY), signed in through the login page. */
export async function signInAsNewAdmin(page: Page, request: APIRequestContext) {
  const name = uniqueName('Admin')
  const email = `${name.replace(/\W+/g, '-').toLowerCase()}@e2e.test`
  const response = await request.post('/api/admin/users', { data: { name, email, role: 'admin' }, headers: asApiClient })
  expect(response.status(), await response.text()).toBe(201)
  adminsMade.push(((await response.json()) as { id: string }).id)
  await signInThroughPage(page, email)
  return { name, email }
}

/**
 * Takes the admin role back from the accounts signInAsNewAdmin made. Specs that run later on the
 * same server may rely on "the first login of a database without an admin becomes the admin".
 */
export async function demoteAdminsMade(request: APIRequestContext) {
  for (const id of adminsMade.splice(0)) {
    const response = await request.patch(`/api/admin/users/${encodeURIComponent(id)}`, { data: { role: 'user' }, headers: asApiClient })
    expect(response.status(), await response.text()).toBe(200)
  }
}

/** The user's current door pass, as their phone would show it. */
export async function currentPassCode(request: APIRequestContext, userId: string) {
  const response = await request.get(`/otp/${encodeURIComponent(userId)}`, { headers: asApiClient })
  expect(response.status(), await response.text()).toBe(200)
  return ((await response.json()) as { qr_string: string }).qr_string
}

/** What a paired kiosk sends when its camera reads a pass. */
export async function scanAtKiosk(request: APIRequestContext, kioskToken: string, input: string) {
  const response = await request.post('/api/kiosk/scans', {
    data: { input },
    headers: { authorization: `Bearer ${kioskToken}` },
  })
  expect(response.status(), await response.text()).toBe(200)
  return (await response.json()) as { granted: boolean; reason: string; userName: string | null }
}

const artifacts = join(process.cwd(), 'e2e', '.artifacts', 'admin')
export const laptop = { width: 1280, height: 800 }
export const tablet = { width: 768, height: 1024 }

/** PNGs at laptop and tablet size, for a person to look at; whole pages unless a modal is open. */
export async function screenshotBothSizes(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  mkdirSync(artifacts, { recursive: true })
  const original = page.viewportSize()
  for (const [label, size] of [
    ['1280', laptop],
    ['768', tablet],
  ] as const) {
    await page.setViewportSize(size)
    await page.screenshot({ path: join(artifacts, `${name}-${label}.png`), fullPage: options.fullPage ?? true })
  }
  if (original) await page.setViewportSize(original)
}
