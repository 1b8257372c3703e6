import { expect, test } from '@playwright/test'

test('the home page links to every part of the product', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'QR Door', level: 1 })).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'QR Door' })
  for (const [name, href] of [
    ['Sign in', '/login'],
    ['My door pass', '/pass'],
    ['Door kiosk', '/kiosk'],
    ['Admin console', '/admin'],
    ['API documentation', '/docs'],
  ]) {
    await expect(nav.getByRole('link', { name: new RegExp(name!) })).toHaveAttribute('href', href!)
  }
})

test('the health endpoint reports the database', async ({ request }) => {
  const response = await request.get('/health')
  expect(response.status()).toBe(200)
  expect(await response.json()).toEqual({
    status: 200,
    message: 'SERVICE_HEALTH',
    info: { database_status: 'OK', database: 'sqlite' },
  })
})

test('every page names an icon that loads, so browsers stop asking for a missing /favicon.ico', async ({ page, request }) => {
  for (const path of ['/', '/login', '/kiosk']) {
    await page.goto(path)
    const href = await page.locator('link[rel="icon"]').first().getAttribute('href')
    expect(href, path).toBeTruthy()
    expect((await request.get(href!)).status(), `${path}: ${href}`).toBe(200)
  }
})
