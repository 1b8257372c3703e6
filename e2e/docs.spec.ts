import { expect, test, type Page } from '@playwright/test'
import { e2eBaseUrl } from './config'

/** Every request the page makes that leaves this app, and every error it logs (CSP refusals included). */
function watch(page: Page) {
  const foreign: string[] = []
  const errors: string[] = []
  page.on('request', (request) => {
    const url = request.url()
    if (!url.startsWith(`${e2eBaseUrl}/`) && !/^(data|blob):/.test(url)) foreign.push(url)
  })
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return { foreign, errors }
}

const endpoints = [
  ['post', '/otp/verify'],
  ['post', '/verify-code'],
  ['get', '/validate/{string}'],
  ['get', '/{uuid}/{otp}'],
  ['post', '/'],
  ['post', '/api/admin/kiosks'],
] as const

test('Swagger UI at /docs lists the API and can call it, with nothing loaded from elsewhere', async ({ page }) => {
  const seen = watch(page)
  await page.goto('/docs')
  await expect(page).toHaveTitle('QR Door API · Swagger UI')
  await expect(page.getByRole('heading', { name: /QR Door API/ })).toBeVisible()
  for (const [method, path] of endpoints) {
    await expect(page.locator(`.opblock-${method} .opblock-summary-path[data-path="${path}"]`)).toBeVisible()
  }
  await expect(page.getByRole('heading', { name: 'Door passes (seed 000)' })).toBeVisible()

  // Try it out against the server itself: the CSP must let the UI reach /health.
  const health = page.locator('.opblock-get').filter({ has: page.locator('[data-path="/health"]') })
  await health.locator('.opblock-summary-control').click()
  await health.getByRole('button', { name: 'Try it out' }).click()
  await health.getByRole('button', { name: 'Execute' }).click()
  await expect(health.locator('.live-responses-table .response .response-col_status')).toHaveText('200')
  await expect(health.locator('.live-responses-table')).toContainText('SERVICE_HEALTH')

  expect(seen.foreign).toEqual([])
  expect(seen.errors).toEqual([])
})

test('Redoc at /redoc lists the API, with nothing loaded from elsewhere', async ({ page }) => {
  const seen = watch(page)
  await page.goto('/redoc')
  await expect(page).toHaveTitle('QR Door API · Redoc')
  await expect(page.getByRole('heading', { name: /QR Door API/, level: 1 })).toBeVisible()
  for (const [, path] of endpoints) {
    await expect(page.locator('.api-content').getByText(path, { exact: true }).first()).toBeAttached()
  }
  await expect(page.locator('.menu-content').getByText('Phone login codes (seed 001)')).toBeVisible()

  // The search runs in a worker Redoc starts from a blob: the CSP must allow it.
  await page.getByPlaceholder('Search...').fill('verify-code')
  await expect(page.locator('[data-role="search:results"]')).toContainText('Check a code')

  expect(seen.foreign).toEqual([])
  expect(seen.errors).toEqual([])
})

test('the document the pages render is served at /openapi.json', async ({ request }) => {
  const response = await request.get('/openapi.json')
  expect(response.status()).toBe(200)
  const document = await response.json()
  expect(document.openapi).toBe('3.1.0')
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/otp/verify', '/verify-code', '/validate/{string}']))
})
