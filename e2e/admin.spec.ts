// The admin console through its pages: the access log (live, filtered, exported, charted), kiosks,
// API keys, users and the outbox, and who may not see any of it. Every test signs in as an admin
// of its own and names what it makes uniquely, so it does not matter which spec ran before.
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { e2eBaseUrl } from './config'
import { asApiClient, createKiosk, createUser } from './support/admin-api'
import {
  currentPassCode,
  demoteAdminsMade,
  laptop,
  scanAtKiosk,
  screenshotBothSizes,
  signInAsNewAdmin,
  uniqueName,
} from './support/admin-console'
import { signInThroughPage } from './support/session'

test.use({ viewport: laptop })
test.afterEach(async ({ request }) => demoteAdminsMade(request))

const adminPages = [
  ['/admin', 'Access log'],
  ['/admin/users', 'Users'],
  ['/admin/kiosks', 'Kiosks'],
  ['/admin/api-keys', 'API keys'],
  ['/admin/outbox', 'Outbox'],
] as const

test('a scan shows up in the access log without a reload, and can be filtered, charted and exported', async ({ page, request }) => {
  await signInAsNewAdmin(page, request)
  const person = await createUser(request, {
    name: uniqueName('Scan Person'),
    email: `${uniqueName('scan').replace(/\W+/g, '-')}@e2e.test`,
  })
  const kiosk = await createKiosk(request, uniqueName('Log door'))

  await page.goto('/admin')
  await expect(page.getByRole('heading', { name: 'Access log', level: 1 })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Access log' })).toHaveAttribute(
    'aria-current',
    'page',
  )
  await expect(page.getByTestId('live-indicator')).toHaveText('Live')

  // One granted scan, then the same code again: a replay, denied.
  const code = await currentPassCode(request, person.id)
  expect((await scanAtKiosk(request, kiosk.token, code)).granted).toBe(true)
  expect((await scanAtKiosk(request, kiosk.token, code)).reason).toBe('replay')

  const rows = page.getByRole('row').filter({ hasText: person.name })
  await expect(rows).toHaveCount(2)
  await expect(rows.filter({ hasText: 'Granted' })).toContainText(kiosk.name)
  await expect(rows.filter({ hasText: 'Denied' })).toContainText('Code already used')
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `New scan: ${person.name}` })
      .first(),
  ).toBeAttached()
  await screenshotBothSizes(page, 'access-log')

  // Only this person's denials; the filters stay in the URL, so a reload keeps them.
  await page.getByLabel('Person').selectOption(person.id)
  await page.getByLabel('Result').selectOption('denied')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page).toHaveURL(new RegExp(`user=${person.id}.*result=denied`))
  await page.reload()
  await expect(page.getByLabel('Person')).toHaveValue(person.id)
  await expect(page.getByLabel('Result')).toHaveValue('denied')
  const filtered = page.getByRole('table', { name: 'Scans' }).getByRole('row')
  await expect(filtered).toHaveCount(2) // the header and the replay
  await expect(filtered.nth(1)).toContainText('Code already used')

  // The chart counts this person's scans of the last 24 hours, and says so in words.
  await expect(page.getByRole('img', { name: /1 granted and 1 denied/ })).toBeVisible()
  await page.getByRole('navigation', { name: 'Chart bars' }).getByRole('link', { name: 'Per day' }).click()
  await expect(page.getByRole('heading', { name: 'Grants and denials per day' })).toBeVisible()
  await expect(page.getByRole('img', { name: /1 granted and 1 denied/ })).toBeVisible()
  await expect(page).toHaveURL(/bucket=day/)
  await screenshotBothSizes(page, 'access-log-per-day')

  // The CSV holds the filtered set.
  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download CSV' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^access-log-.*\.csv$/)
  const csv = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split(/\r?\n/)
  expect(csv[0]).toBe('time,person,user_id,kiosk,kiosk_id,result,reason,door,door_id')
  expect(csv).toHaveLength(2)
  expect(csv[1]).toContain(`${person.name},${person.id},${kiosk.name},${kiosk.id},denied,replay`)

  // A time range, typed in local time: an hour either side holds the scan, one starting later does not.
  const local = (offsetMs: number) => {
    const date = new Date(Date.now() + offsetMs)
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
  }
  await page.getByLabel('From').fill(local(-3_600_000))
  await page.getByLabel('To').fill(local(3_600_000))
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page).toHaveURL(/from=.*to=/)
  await expect(filtered).toHaveCount(2)
  await page.getByLabel('From').fill(local(2 * 3_600_000))
  await page.getByLabel('To').fill(local(3 * 3_600_000))
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page.getByText('No scans match these filters.')).toBeVisible()
  await page.getByLabel('To').fill(local(0))
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page.getByRole('alert').filter({ hasText: '“To” must be later than “From”.' })).toBeVisible()
  await page.goto(`/admin?user=${person.id}&result=denied`)

  // A later denial of this person appears live in the filtered view, a grant of someone else does not.
  const other = await createUser(request, {
    name: uniqueName('Other Person'),
    email: `${uniqueName('other').replace(/\W+/g, '-')}@e2e.test`,
  })
  await scanAtKiosk(request, kiosk.token, await currentPassCode(request, other.id))
  await scanAtKiosk(request, kiosk.token, code)
  await expect(filtered).toHaveCount(3)
  await expect(page.getByRole('row').filter({ hasText: other.name })).toHaveCount(0)
  await screenshotBothSizes(page, 'access-log-filtered')
})

test('the access log pages through older scans and pauses live refresh there', async ({ page, request }) => {
  await signInAsNewAdmin(page, request)
  const kiosk = await createKiosk(request, uniqueName('Busy door'))
  // Unreadable scans are logged too (without a person): 51 of them fill one page of 50 and one more.
  for (let i = 0; i < 51; i++) await scanAtKiosk(request, kiosk.token, `not-a-pass-${i}`)

  await page.goto(`/admin?kiosk=${kiosk.id}`)
  const rows = page.getByRole('table', { name: 'Scans' }).getByRole('row')
  await expect(rows).toHaveCount(51) // the header and 50 scans
  await expect(rows.nth(1)).toContainText('Not a QR Door pass')
  await expect(rows.nth(1)).toContainText('Unknown pass')
  const pages = page.getByRole('navigation', { name: 'Access log pages' })
  await expect(pages.getByRole('link', { name: 'Newest' })).toHaveCount(0)
  await pages.getByRole('link', { name: 'Older' }).click()
  await expect(page).toHaveURL(/cursor=/)
  await expect(rows).toHaveCount(2)
  await expect(page.getByTestId('live-indicator')).toHaveText('Paused: older scans')
  await expect(pages.getByRole('link', { name: 'Older' })).toHaveCount(0)
  await pages.getByRole('link', { name: 'Newest' }).click()
  await expect(rows).toHaveCount(51)
  await expect(page.getByTestId('live-indicator')).toHaveText('Live')
})

test('the console works from the keyboard: skip link, navigation, dialogs that give focus back', async ({ page, request }) => {
  await signInAsNewAdmin(page, request)
  await page.goto('/admin/kiosks')
  await expect(page.getByText('Loading kiosks…')).toBeHidden()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Access log' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Users' })).toBeFocused()
  await screenshotBothSizes(page, 'keyboard-focus', { fullPage: false })

  const name = uniqueName('Keyboard door')
  await page.getByLabel('Kiosk name').focus()
  await page.keyboard.type(name)
  await page.keyboard.press('Enter')
  await page.getByRole('button', { name: 'Done: I paired the tablet' }).click()
  const rename = page.getByRole('button', { name: `Edit ${name}` })
  await rename.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: `Edit ${name}` })
  await expect(dialog.getByLabel('Name')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(rename).toBeFocused()

  // Submitting an empty form says what is missing, next to the field.
  await page.getByRole('button', { name: 'Add kiosk' }).click()
  await expect(page.getByText('Enter the kiosk’s name.').first()).toBeVisible()
  await expect(page.getByLabel('Kiosk name')).toHaveAttribute('aria-invalid', 'true')
})

test('kiosks: the pairing link and QR code are shown once; rename; revoke refuses the token at once', async ({ page, request }) => {
  await signInAsNewAdmin(page, request)
  const name = uniqueName('Side door')
  await page.goto('/admin/kiosks')
  await expect(page.getByText('Loading kiosks…')).toBeHidden() // hydrated, so typing is not lost
  await expect(page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Kiosks' })).toHaveAttribute(
    'aria-current',
    'page',
  )
  await page.getByLabel('Kiosk name').fill(name)
  await page.getByRole('button', { name: 'Add kiosk' }).click()

  await expect(page.getByRole('heading', { name: `Pair the tablet for ${name}` })).toBeFocused()
  await expect(page.getByText('Shown only once.')).toBeVisible()
  await expect(page.getByRole('img', { name: `QR code of the pairing link for ${name}` })).toBeVisible()
  const link = page.getByTestId('pairing-link')
  await expect(link).toHaveText(new RegExp(`^${e2eBaseUrl}/kiosk\\?pair=`))
  const token = (await page.getByTestId('kiosk-token').textContent())!.trim()
  expect(await link.getAttribute('href')).toBe(`${e2eBaseUrl}/kiosk?pair=${encodeURIComponent(token)}`)
  const kioskAuth = { authorization: `Bearer ${token}` }
  await expect(page.getByText('Waiting for the tablet to open the link…')).toBeVisible()
  expect((await request.get('/api/kiosk/me', { headers: kioskAuth })).status()).toBe(200)
  await expect(page.getByText('The tablet is paired and ready to scan.')).toBeVisible()
  await screenshotBothSizes(page, 'kiosks-created')

  await page.getByRole('button', { name: 'Done: I paired the tablet' }).click()
  await expect(page.getByText('Shown only once.')).toHaveCount(0)

  const renamed = uniqueName('Back door')
  await page.getByRole('button', { name: `Edit ${name}` }).click()
  const dialog = page.getByRole('dialog', { name: `Edit ${name}` })
  await dialog.getByLabel('Name').fill(renamed)
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(dialog).toBeHidden()
  const row = page.getByRole('row').filter({ hasText: renamed })
  await expect(row).toContainText('Paired')

  await row.getByRole('button', { name: `Revoke ${renamed}` }).click()
  const confirm = page.getByRole('dialog', { name: `Revoke ${renamed}?` })
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await confirm.getByRole('button', { name: 'Revoke kiosk' }).click()
  await expect(confirm).toBeHidden()
  await expect(row).toContainText('Revoked')
  expect((await request.get('/api/kiosk/me', { headers: kioskAuth })).status()).toBe(401)
  await screenshotBothSizes(page, 'kiosks')
})

test('API keys: the key is shown once, works, and is refused right after it is revoked', async ({ page, request }) => {
  await signInAsNewAdmin(page, request)
  const name = uniqueName('Billing backend')
  await page.goto('/admin/api-keys')
  await expect(page.getByText('Loading API keys…')).toBeHidden()
  await page.getByLabel('Key name').fill(name)
  await page.getByRole('button', { name: 'Create key' }).click()
  await expect(page.getByText('Shown only once.')).toBeVisible()
  const key = (await page.getByTestId('new-api-key').textContent())!.trim()
  await expect(page.getByRole('button', { name: 'Copy key' })).toBeVisible()
  const keyAuth = { authorization: `Bearer ${key}` }
  expect((await request.get('/api/admin/users', { headers: keyAuth })).status()).toBe(200)
  await screenshotBothSizes(page, 'api-keys-created')

  await page.getByRole('button', { name: 'Done: I stored the key' }).click()
  const row = page.getByRole('row').filter({ hasText: name })
  await expect(row).toContainText('Active')
  await expect(row).toContainText(key.slice(0, 8))
  await row.getByRole('button', { name: `Revoke ${name}` }).click()
  await page
    .getByRole('dialog', { name: `Revoke ${name}?` })
    .getByRole('button', { name: 'Revoke key' })
    .click()
  await expect(row).toContainText('Revoked')
  expect((await request.get('/api/admin/users', { headers: keyAuth })).status()).toBe(401)
  await screenshotBothSizes(page, 'api-keys')
})

test('users: add, edit, reset the pass, sign out everywhere, and disable: the kiosk then refuses the pass', async ({
  page,
  request,
  browser,
}) => {
  const admin = await signInAsNewAdmin(page, request)
  const name = uniqueName('Dora Door')
  const email = `${name.replace(/\W+/g, '-').toLowerCase()}@e2e.test`
  await page.goto('/admin/users')
  await expect(page.getByText('Loading users…')).toBeHidden()

  // The API's errors show next to the form: an address that is taken.
  await page.getByLabel('Name', { exact: true }).first().fill(name)
  await page.getByLabel('E-mail').first().fill(admin.email)
  await page.getByRole('button', { name: 'Add user' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Another user already has this e-mail address' })).toBeVisible()

  await page.getByLabel('E-mail').first().fill(email)
  await page.getByLabel('Phone').first().fill('not a phone')
  await page.getByRole('button', { name: 'Add user' }).click()
  // The alert names the field; the field shows its own message.
  await expect(page.getByRole('alert').filter({ hasText: 'Phone: ' })).toContainText('use the international E.164 format')
  await expect(page.getByLabel('Phone').first()).toHaveAttribute('aria-invalid', 'true')
  await page.getByLabel('Phone').first().fill('')
  await page.getByRole('button', { name: 'Add user' }).click()
  const row = page.getByRole('row').filter({ hasText: email })
  await expect(row).toContainText(name)
  await expect(row).toContainText('Active')

  const edited = `${name} Jr`
  await row.getByRole('button', { name: `Edit ${name}` }).click()
  const editDialog = page.getByRole('dialog', { name: `Edit ${name}` })
  await editDialog.getByLabel('Name').fill(edited)
  await editDialog.getByLabel('Role').selectOption('user')
  await editDialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(editDialog).toBeHidden()
  await expect(row).toContainText(edited)

  // Dora signs in elsewhere; "sign out everywhere" ends that session.
  const doraContext = await browser.newContext()
  const dora = await doraContext.newPage()
  await signInThroughPage(dora, email)
  await row.getByRole('button', { name: `Sign out everywhere: ${edited}` }).click()
  await page
    .getByRole('dialog', { name: `Sign ${edited} out everywhere?` })
    .getByRole('button', { name: 'Sign out everywhere' })
    .click()
  await expect(page.getByText(`${edited} is signed out on every device.`)).toBeVisible()
  expect((await dora.request.get('/api/auth/session')).status()).toBe(401)
  await doraContext.close()

  // Resetting the pass is confirmed first; the code shown before stops working.
  const oldCode = await currentPassCode(request, (await userByEmail(request, email)).id)
  await row.getByRole('button', { name: `Reset pass of ${edited}` }).click()
  const resetDialog = page.getByRole('dialog', { name: `Reset the pass of ${edited}?` })
  await expect(resetDialog).toContainText('old passes stop working at once')
  await screenshotBothSizes(page, 'users-reset-dialog', { fullPage: false })
  await resetDialog.getByRole('button', { name: 'Reset pass' }).click()
  await expect(page.getByText(`${edited} has a new pass.`)).toBeVisible()
  const kiosk = await createKiosk(request, uniqueName('Users door'))
  expect((await scanAtKiosk(request, kiosk.token, oldCode)).granted).toBe(false)

  // Disabled: the pass on the phone (taken before) is refused at the kiosk.
  const newCode = await currentPassCode(request, (await userByEmail(request, email)).id)
  await row.getByRole('button', { name: `Disable ${edited}` }).click()
  await page
    .getByRole('dialog', { name: `Disable ${edited}?` })
    .getByRole('button', { name: 'Disable' })
    .click()
  await expect(row).toContainText('Disabled')
  const refused = await scanAtKiosk(request, kiosk.token, newCode)
  expect(refused).toMatchObject({ granted: false, reason: 'disabled_user' })

  // An admin cannot lock themself out: their own row offers no Disable (the API would answer 409).
  const self = page.getByRole('row').filter({ hasText: admin.email })
  await expect(self.getByRole('button', { name: `Edit ${admin.name}` })).toBeVisible()
  await expect(self.getByRole('button', { name: `Disable ${admin.name}` })).toHaveCount(0)

  await row.getByRole('button', { name: `Enable ${edited}` }).click()
  await expect(row).toContainText('Active')
  await screenshotBothSizes(page, 'users')
})

test('the outbox shows each message with its status and, in demo mode, its text', async ({ page, request }) => {
  const admin = await signInAsNewAdmin(page, request)
  await page.goto('/admin/outbox')
  const message = page.getByRole('listitem', { name: `E-mail to ${admin.email}` }).first()
  await expect(message).toContainText('Demo: not sent')
  await expect(message).toContainText('Your verification code')
  await expect(message.locator('pre')).toContainText(/\d{6}/)
  await screenshotBothSizes(page, 'outbox')
})

test('a signed-in user who is not an admin gets 403 from every admin page and endpoint', async ({ page, request }) => {
  const name = uniqueName('Plain User')
  const email = `${name.replace(/\W+/g, '-').toLowerCase()}@e2e.test`
  await createUser(request, { name, email })
  await signInThroughPage(page, email)

  for (const [path] of adminPages) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(403)
    await expect(page.getByRole('heading', { name: 'You are not allowed to see this page' })).toBeVisible()
  }
  await screenshotBothSizes(page, 'forbidden')

  const origin = { origin: e2eBaseUrl }
  for (const path of [
    '/api/admin/events',
    '/api/admin/events.csv',
    '/api/admin/events/stats',
    '/api/admin/users',
    '/api/admin/kiosks',
    '/api/admin/api-keys',
    '/api/admin/deliveries',
  ]) {
    expect((await page.request.get(path)).status(), path).toBe(403)
  }
  expect((await page.request.post('/api/admin/users', { data: { name: 'X', email: 'x@e2e.test' }, headers: origin })).status()).toBe(403)
  expect((await page.request.post('/api/admin/api-keys', { data: { name: 'X' }, headers: origin })).status()).toBe(403)
  expect((await page.request.post('/api/admin/kiosks', { data: { name: 'X' }, headers: origin })).status()).toBe(403)
})

test('without credentials the admin pages send people to sign in and the admin API answers 401', async ({ page, request }) => {
  for (const [path] of adminPages) {
    await page.goto(path)
    await expect(page, path).toHaveURL(/\/login$/)
  }
  for (const path of [
    '/api/admin/events',
    '/api/admin/events.csv',
    '/api/admin/events/stats',
    '/api/admin/users',
    '/api/admin/kiosks',
    '/api/admin/api-keys',
    '/api/admin/deliveries',
  ]) {
    expect((await request.get(path)).status(), path).toBe(401)
  }
  expect((await request.post('/api/admin/api-keys', { data: { name: 'X' } })).status()).toBe(401)
  expect((await request.get('/api/admin/users', { headers: { authorization: 'Bearer not-a-key' } })).status()).toBe(401)
  // The bootstrap key still works, for contrast.
  expect((await request.get('/api/admin/users', { headers: asApiClient })).status()).toBe(200)
})

async function userByEmail(request: import('@playwright/test').APIRequestContext, email: string) {
  const response = await request.get('/api/admin/users', { headers: asApiClient })
  const { users } = (await response.json()) as { users: { id: string; email: string | null }[] }
  const user = users.find((candidate) => candidate.email === email)
  expect(user, email).toBeDefined()
  return user!
}
