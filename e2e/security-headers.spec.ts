// Pages carry their security headers (proxy.ts, lib/http/security-headers.ts) and still work under
// their content security policy: the browser reports no violation, the pages hydrate and act, the
// kiosk gets its camera and other pages may not. The docs pages keep their own policy, and the JSON
// APIs answer without a page's headers.
import { expect, test, type Page } from '@playwright/test'
import { e2eAdminEmail, e2eBaseUrl } from './config'
import { createKiosk } from './support/admin-api'
import { launchWithFakeCamera } from './support/fake-camera'
import { signInThroughPage } from './support/session'

/** What the browser reports refusing under the page's CSP, and the page's uncaught errors. */
function watch(page: Page) {
  const seen = { violations: [] as string[], errors: [] as string[] }
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) seen.violations.push(message.text())
  })
  page.on('pageerror', (error) => seen.errors.push(error.message))
  return seen
}

/** Checks a page's headers and returns its CSP nonce. */
function expectPageHeaders(response: { headers(): Record<string, string> } | null, camera: 'self' | 'none'): string {
  expect(response, 'a response').not.toBeNull()
  const headers = response!.headers()
  const csp = headers['content-security-policy'] ?? ''
  const nonce = csp.match(/script-src 'self' 'nonce-([A-Za-z0-9+/]+=*)' 'strict-dynamic'(;|$)/)?.[1]
  expect(nonce, `a nonce in ${csp}`).toBeDefined()
  expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`)
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
    expect(csp).toContain(directive)
  }
  expect(headers['permissions-policy']).toBe(
    `camera=(${camera === 'self' ? 'self' : ''}), microphone=(), geolocation=(), payment=(), usb=()`,
  )
  expect(headers['referrer-policy']).toBe('same-origin')
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['x-frame-options']).toBe('DENY')
  return nonce!
}

const tryCamera = (page: Page) =>
  page.evaluate(() =>
    navigator.mediaDevices.getUserMedia({ video: true }).then(
      (stream) => {
        for (const track of stream.getTracks()) track.stop()
        return 'allowed'
      },
      (error: Error) => error.name,
    ),
  )

test('sign-in, the pass and the admin console carry the headers and work under their CSP', async ({ page }) => {
  const seen = watch(page)
  const login = expectPageHeaders(await page.goto('/login'), 'none')
  // Signing in takes the hydrated form, its fetches and a client-side redirect.
  await signInThroughPage(page, e2eAdminEmail)

  const pass = expectPageHeaders(await page.goto('/pass'), 'none')
  expect(pass).not.toBe(login)
  await expect(page.getByRole('img', { name: 'Your door pass QR code' })).toBeVisible()
  await expect(page.getByText(/New code in \d+ s/)).toBeVisible()

  expectPageHeaders(await page.goto('/admin'), 'none')
  await expect(page.getByRole('link', { name: 'Users' })).toBeVisible()
  // A client-side navigation loads the next page's scripts under the same policy.
  await page.getByRole('link', { name: 'Users' }).click()
  await expect(page).toHaveURL(/\/admin\/users$/)
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()

  expect(seen.violations).toEqual([])
  expect(seen.errors).toEqual([])

  // The policy is enforced, and a breach would be seen: injected markup's script does not run.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="document.title = \'injected\'">'))
  await expect.poll(() => seen.violations.length).toBe(1)
  expect(seen.violations[0]).toContain("script-src 'self' 'nonce-")
  await expect(page).not.toHaveTitle('injected')
})

test('the home page and a missing page carry them too; the docs keep their own policy; the APIs answer without them', async ({
  request,
}) => {
  for (const path of ['/', '/no-such-page']) {
    expectPageHeaders(await request.get(path), 'none')
  }
  for (const path of ['/docs', '/redoc']) {
    const csp = (await request.get(path)).headers()['content-security-policy']
    expect(csp).toMatch(/^default-src 'none'; script-src 'self';/)
    expect(csp).not.toContain('nonce-')
  }
  for (const path of ['/health', '/api/auth/session', '/openapi.json']) {
    expect((await request.get(path)).headers()['content-security-policy'], path).toBeUndefined()
  }
})

test('the kiosk gets the camera under its policy, and no other page does', async ({ request }) => {
  const kiosk = await createKiosk(request, 'Policy door')
  const browser = await launchWithFakeCamera()
  try {
    const context = await browser.newContext({ baseURL: e2eBaseUrl })
    await context.grantPermissions(['camera'], { origin: e2eBaseUrl })
    const page = await context.newPage()
    const seen = watch(page)

    expectPageHeaders(await page.goto(kiosk.pairingUrl), 'self')
    await expect(page).toHaveURL(/\/kiosk$/)
    await expect(page.getByText('Policy door')).toBeVisible()
    await expect(page.getByText('Hold your pass up to the camera')).toBeVisible({ timeout: 15_000 })
    await expect.poll(() => page.locator('video').evaluate((video: HTMLVideoElement) => video.videoWidth)).toBeGreaterThan(0)
    expect(await tryCamera(page)).toBe('allowed')

    // The same browser, the camera granted to this origin: the sign-in page may still not use it.
    expectPageHeaders(await page.goto('/login'), 'none')
    expect(await tryCamera(page)).toBe('NotAllowedError')

    expect(seen.violations).toEqual([])
    expect(seen.errors).toEqual([])
  } finally {
    await browser.close()
  }
})
