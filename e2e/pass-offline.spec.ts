// The pass page without a network: it says how long the code on screen still works, then shows no
// code, and retries less and less often until the connection is back.
import { expect, test } from '@playwright/test'
import { asApiClient } from './support/admin-api'
import { uniqueName } from './support/admin-console'
import { signInThroughPage } from './support/session'

test('offline, the pass says when its code stops working, backs off, and recovers', async ({ browser, request }) => {
  test.setTimeout(120_000)
  // A person of its own: the admin's address has just asked for codes in other specs (resend wait).
  const email = `${uniqueName('offline').replace(/\W+/g, '-').toLowerCase()}@e2e.test`
  const created = await request.post('/api/admin/users', { data: { name: 'Offline Person', email }, headers: asApiClient })
  expect(created.status(), await created.text()).toBe(201)
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const page = await context.newPage()
  await signInThroughPage(page, email)
  const qr = page.getByRole('img', { name: 'Your door pass QR code' })
  await expect(page.getByText(/New code in \d+ s/)).toBeVisible()

  const passRequests: number[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/pass') passRequests.push(Date.now())
  })
  await context.setOffline(true)
  await expect(page.getByText(/This code stops working in \d+ s/)).toBeVisible({ timeout: 5_000 })
  await expect(page.getByText(/keeps rotating/)).toHaveCount(0)
  await expect(qr).toBeVisible()

  // Once no door would take the code, none is shown.
  await expect(page.getByText(/Reconnecting…/)).toBeVisible({ timeout: 65_000 })
  await expect(qr).toHaveCount(0)
  // 1, 2, 4, 8, 16, 30 s apart: a handful of tries, not four a second.
  const span = (passRequests.at(-1)! - passRequests[0]!) / 1000
  expect(passRequests.length).toBeLessThanOrEqual(Math.ceil(Math.log2(span + 1)) + 2)

  await context.setOffline(false)
  await expect(page.getByText(/New code in \d+ s/)).toBeVisible({ timeout: 35_000 })
  await expect(qr).toBeVisible()
  await context.close()
})
