// The pass page and the kiosk as people meet them (issue 12, items 11–15): the short code under the
// QR code typed at a kiosk, a second grant within the grant window, a pass disabled while it is
// open, typed codes at a kiosk whose camera just read one, and a kiosk revoked while it stands ready.
// What a test makes is revoked (kiosks) or disabled (people) afterwards.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import { e2eBaseUrl, e2eDoorGrantSeconds } from './config'
import { asApiClient, createKiosk, createUser, doorState, setDisabled } from './support/admin-api'
import { uniqueName } from './support/admin-console'
import { launchWithFakeCamera } from './support/fake-camera'
import { signInThroughPage } from './support/session'
import { pngToY4m } from './support/y4m'

// Outside test-results/, which Playwright empties at the start of every run.
const artifacts = join(process.cwd(), 'e2e', '.artifacts', 'pass-and-kiosk')
const phone = { width: 390, height: 844 }

/** Crockford base32 (no I, L, O or U): `K7QM 2X · 123 456`. */
const SHORT_CODE = /^[0-9A-HJKMNP-TV-Z]{4} [0-9A-HJKMNP-TV-Z]{2} · \d{3} \d{3}$/

const made = { kiosks: [] as string[], users: [] as string[], browsers: [] as Browser[] }

test.beforeAll(() => mkdirSync(artifacts, { recursive: true }))

test.afterEach(async ({ request }) => {
  for (const browser of made.browsers.splice(0)) await browser.close()
  for (const id of made.kiosks.splice(0)) {
    const response = await request.delete(`/api/admin/kiosks/${id}`, { headers: asApiClient })
    expect([200, 204, 404], await response.text()).toContain(response.status())
  }
  // The API deletes no one: the people made here are disabled instead.
  for (const id of made.users.splice(0)) await setDisabled(request, id, true)
})

/** A person of their own (others' addresses may be in their resend wait), signed in on a phone at /pass. */
async function personWithPass(browser: Browser, request: APIRequestContext, label: string) {
  const name = uniqueName(label)
  const email = `${name.replace(/\W+/g, '-').toLowerCase()}@e2e.test`
  const user = await createUser(request, { name, email })
  made.users.push(user.id)
  const context = await browser.newContext({ viewport: phone, deviceScaleFactor: 2 })
  const page = await context.newPage()
  await signInThroughPage(page, email)
  await expect(passQr(page)).toBeVisible()
  await expect(page.getByText(/New code in \d+ s/)).toBeVisible()
  return { user, name, page }
}

const passQr = (page: Page) => page.getByRole('img', { name: 'Your door pass QR code' })
const grantedBanner = (page: Page) => page.locator('.pass-granted-banner')
const qrStringOn = async (page: Page) => (await page.getByTestId('qr-string').textContent())!.trim()

/** A kiosk paired through its link, in a browser whose camera shows `video` (or Chromium's test pattern). */
async function pairedKiosk(request: APIRequestContext, options: { video?: string } = {}) {
  const kiosk = await createKiosk(request, uniqueName('Kiosk'))
  made.kiosks.push(kiosk.id)
  const browser = await launchWithFakeCamera(options.video)
  made.browsers.push(browser)
  const context = await browser.newContext({ baseURL: e2eBaseUrl, viewport: { width: 1024, height: 768 } })
  await context.grantPermissions(['camera'], { origin: e2eBaseUrl })
  const page = await context.newPage()
  await page.goto(kiosk.pairingUrl)
  await expect(page).toHaveURL(/\/kiosk$/)
  await expect(page.getByRole('heading', { name: kiosk.name })).toBeVisible()
  return { kiosk, page }
}

/** The kiosk's verdict on screen: title, name, reason. */
const result = (kiosk: Page) => kiosk.locator('.kiosk-result p')

async function typeAtKiosk(kiosk: Page, code: string) {
  // A result on screen disables the form: wait for the kiosk to be ready again.
  await expect(kiosk.getByRole('button', { name: 'Check code' })).toBeAttached()
  await expect(kiosk.locator('.kiosk-result')).toHaveCount(0, { timeout: 10_000 })
  await kiosk.getByLabel('Type a pass code instead').fill(code)
  await kiosk.getByRole('button', { name: 'Check code' }).click()
}

/** An API client checks a pass as a door would: true when it granted. */
async function validateAsApiClient(request: APIRequestContext, pass: string) {
  const response = await request.get(`/validate/${encodeURIComponent(pass)}`, { headers: asApiClient })
  expect(response.status(), await response.text()).toBe(200)
  return ((await response.json()) as { validation: boolean }).validation
}

/** The countdown's seconds and the bar under it, read in one go. */
function countdownAndBar(page: Page) {
  return page.evaluate(() => {
    const text = document.querySelector('.pass-countdown')?.textContent ?? ''
    const bar = document.querySelector<HTMLProgressElement>('progress.pass-progress')
    // "New code in N s", or after two grants in one step "… Next code in N s" (when a code is usable again).
    return { text, seconds: Number(/code in (\d+) s/.exec(text)?.[1] ?? NaN), max: bar?.max ?? NaN, value: bar?.value ?? NaN }
  })
}

test('the short code under the QR code, typed at the kiosk in lower case, opens the door (item 13)', async ({ browser, request }) => {
  const { name, page: pass } = await personWithPass(browser, request, 'Short Code')
  const typeable = pass.getByTestId('typeable-code')
  await expect(typeable).toHaveText(SHORT_CODE)
  await expect(pass.getByText('Camera cannot read it? Type this code:')).toBeVisible()
  await pass.screenshot({ path: join(artifacts, 'pass-short-code-phone.png') })

  const { page: kiosk } = await pairedKiosk(request)
  const shown = (await typeable.textContent())!.trim()
  await typeAtKiosk(kiosk, shown.toLowerCase())
  await expect(kiosk.getByText('Access granted')).toBeVisible()
  await expect(kiosk.getByText(name)).toBeVisible()
  await kiosk.screenshot({ path: join(artifacts, 'kiosk-short-code-granted.png') })
  await expect(pass.getByText('Access granted')).toBeVisible({ timeout: 3_000 })
  // The code moved on to the next one; the used one is refused.
  await expect(typeable).not.toHaveText(shown)
  await typeAtKiosk(kiosk, shown)
  await expect(kiosk.getByText('Code already used')).toBeVisible()
})

test('a second grant within the grant window shows on the phone, and the countdown never outruns its bar (item 11)', async ({
  browser,
  request,
}) => {
  const { user, page: pass } = await personWithPass(browser, request, 'Twice')
  const first = await qrStringOn(pass)
  expect(await validateAsApiClient(request, first)).toBe(true)
  const firstAt = Date.now()
  await expect(grantedBanner(pass)).toHaveText('Access granted', { timeout: 3_000 })

  // After a grant the phone shows the next step's code at once; it lasts up to two steps, and the
  // bar under the countdown says so: the seconds never exceed the bar.
  await expect.poll(() => qrStringOn(pass)).not.toBe(first)
  for (let i = 0; i < 4; i++) {
    const reading = await countdownAndBar(pass)
    expect(reading.seconds, reading.text).toBeGreaterThan(0)
    expect(reading.seconds, `${reading.text} on a ${reading.max} s bar`).toBeLessThanOrEqual(reading.max)
    expect(reading.value).toBe(reading.seconds)
    await pass.waitForTimeout(400)
  }

  // The second grant, late in the first one's window (DOOR_GRANT_SECONDS is 4 here).
  const second = await qrStringOn(pass)
  await pass.waitForTimeout(Math.max(0, firstAt + 3_000 - Date.now()))
  expect(await doorState(request, user.id), 'the first grant still runs').toBe(true)
  expect(await validateAsApiClient(request, second)).toBe(true)
  const secondAt = Date.now()
  expect(secondAt - firstAt).toBeLessThan(e2eDoorGrantSeconds * 1000)
  // The first grant's "Access granted" ends 5 s after the phone saw it (at most ~6.3 s after it);
  // the second one's lasts until at least 5 s after the second grant.
  await pass.waitForTimeout(Math.max(0, firstAt + 7_000 - Date.now()))
  expect(Date.now()).toBeLessThan(secondAt + 4_800)
  await expect(grantedBanner(pass)).toHaveText('Access granted', { timeout: 200 })
  await pass.screenshot({ path: join(artifacts, 'pass-second-grant-phone.png') })
  // After a grant the countdown still fits its bar.
  const after = await countdownAndBar(pass)
  expect(after.seconds, `${after.text} on a ${after.max} s bar`).toBeLessThanOrEqual(after.max)
  expect(after.value).toBeLessThanOrEqual(after.max)
})

test('disabling a person shows "pass disabled" on their open pass at the next poll (item 12)', async ({ browser, request }) => {
  const { user, page: pass } = await personWithPass(browser, request, 'Disabled')
  await setDisabled(request, user.id, true)
  const disabledAt = Date.now()
  await expect(pass.getByText('This pass is disabled. Ask an administrator.')).toBeVisible({ timeout: 3_000 })
  // Still on the pass page: not sent to sign in without a word.
  expect(new URL(pass.url()).pathname).toBe('/pass')
  expect(Date.now() - disabledAt).toBeLessThan(3_000)
  await expect(passQr(pass)).toHaveCount(0)
  await expect(pass.getByTestId('typeable-code')).toHaveCount(0)
  await pass.screenshot({ path: join(artifacts, 'pass-disabled-phone.png') })
})

test('a kiosk checks and answers a typed code after its camera read the same pass (item 14)', async ({ browser, request }) => {
  // Ada's pass is the kiosk camera's video.
  const ada = await personWithPass(browser, request, 'Camera Ada')
  const adaPass = await qrStringOn(ada.page)
  const video = join(artifacts, 'camera-ada.y4m')
  pngToY4m(await passQr(ada.page).screenshot(), video)

  const { page: kiosk } = await pairedKiosk(request, { video })
  await expect(result(kiosk)).toHaveText(['Access granted', ada.name], { timeout: 15_000 })
  // The camera still sees Ada's pass, and rightly does not send it again. The same pass typed in is
  // checked all the same, and answered.
  await typeAtKiosk(kiosk, adaPass)
  await expect(result(kiosk)).toHaveText(['Access denied', ada.name, 'Code already used'])
})

test('a kiosk answers the same typed code twice within a minute, the second time as a replay (item 14)', async ({ browser, request }) => {
  const bob = await personWithPass(browser, request, 'Typing Bob')
  const bobCode = (await bob.page.getByTestId('typeable-code').textContent())!.trim()
  const { page: kiosk } = await pairedKiosk(request)
  const typedAt = Date.now()
  await typeAtKiosk(kiosk, bobCode)
  await expect(result(kiosk)).toHaveText(['Access granted', bob.name])
  await typeAtKiosk(kiosk, bobCode)
  await expect(result(kiosk)).toHaveText(['Access denied', bob.name, 'Code already used'])
  expect(Date.now() - typedAt).toBeLessThan(60_000)
  await kiosk.screenshot({ path: join(artifacts, 'kiosk-typed-replay.png') })
})

test('a kiosk revoked while it stands ready shows itself unpaired within its periodic check (item 15)', async ({ request }) => {
  test.setTimeout(90_000)
  const { kiosk, page } = await pairedKiosk(request)
  await expect(page.getByLabel('Type a pass code instead')).toBeVisible()
  const response = await request.delete(`/api/admin/kiosks/${kiosk.id}`, { headers: asApiClient })
  expect(response.status(), await response.text()).toBe(200)
  const revokedAt = Date.now()
  // Nobody scans: the kiosk finds out by itself (it checks every 30 s).
  await expect(page.getByRole('heading', { name: 'This tablet is not paired with a door' })).toBeVisible({ timeout: 40_000 })
  expect(Date.now() - revokedAt).toBeLessThan(35_000)
  await expect(page.getByText(/revoked/i)).toBeVisible()
  await expect(page.getByLabel('Type a pass code instead')).toHaveCount(0)
  await page.screenshot({ path: join(artifacts, 'kiosk-revoked.png') })
})
