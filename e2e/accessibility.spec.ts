// Every page through axe (WCAG 2.1 A and AA rules), in the states people see first: signed out,
// signed in, the admin console's pages, a paired kiosk and a guest's link. Swagger UI and Redoc
// (/docs, /redoc) are third-party renderings of the API document and are left to their projects.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { e2eAdminEmail, e2eBaseUrl } from './config'
import { createKiosk, createUser } from './support/admin-api'
import { signInThroughPage } from './support/session'

const asAdminSession = { origin: e2eBaseUrl }

async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(found, `axe on ${label}`).toEqual([])
}

test('the signed-out pages have no axe violations', async ({ page }) => {
  for (const path of ['/', '/login']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expectNoViolations(page, path)
  }
  await page.goto('/g/not-a-real-link')
  await expect(page.getByText('This link is not valid')).toBeVisible()
  await expectNoViolations(page, '/g/{unknown token}')
})

test('the pass, the kiosk and the admin console have no axe violations', async ({ browser }) => {
  test.setTimeout(120_000)
  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await signInThroughPage(admin, e2eAdminEmail)

  for (const path of [
    '/admin',
    '/admin/users',
    '/admin/kiosks',
    '/admin/doors',
    '/admin/groups',
    '/admin/guests',
    '/admin/api-keys',
    '/admin/webhooks',
    '/admin/outbox',
  ]) {
    await admin.goto(path)
    await expect(admin.getByRole('heading', { level: 1 })).toBeVisible()
    // Lists load after the page: wait for the loading messages to go.
    await expect(admin.getByText(/^Loading/)).toHaveCount(0)
    await expectNoViolations(admin, path)
  }

  await admin.goto('/pass')
  await expect(admin.getByRole('img', { name: /QR code/ })).toBeVisible()
  await expectNoViolations(admin, '/pass')

  const email = `a11y-${Date.now()}@e2e.test`
  await createUser(admin.request, { name: 'Axe Person', email }, asAdminSession)
  const kiosk = await createKiosk(admin.request, `A11y kiosk ${Date.now()}`, asAdminSession)
  const kioskContext = await browser.newContext()
  const kioskPage = await kioskContext.newPage()
  await kioskPage.goto(kiosk.pairingUrl)
  await expect(kioskPage).toHaveURL(/\/kiosk$/)
  await expect(kioskPage.getByRole('heading', { level: 1 })).toBeVisible()
  await expectNoViolations(kioskPage, '/kiosk')
  // The red screen, read from a step away: its text must keep its contrast too.
  await kioskPage.getByLabel('Type a pass code instead').fill('not-a-pass')
  await kioskPage.keyboard.press('Enter')
  await expect(kioskPage.getByText('Access denied')).toBeVisible()
  await expectNoViolations(kioskPage, '/kiosk, a refused scan')
  await kioskContext.close()
  await adminContext.close()
})
