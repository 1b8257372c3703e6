// Doors, access groups and guest passes through the real pages: an admin sets up two doors, a group
// whose schedule covers now and one whose schedule does not, a person in both and a kiosk at each
// door; the first kiosk grants the person's pass, the second refuses it and says why. A guest opens
// their link on a phone and is let in by a kiosk's camera; the access log shows it all by door. What the test makes is
// removed (or, for people, disabled) afterwards.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test'
import { e2eBaseUrl } from './config'
import { asApiClient, setDisabled } from './support/admin-api'
import { currentPassCode, demoteAdminsMade, signInAsNewAdmin, uniqueName } from './support/admin-console'
import { launchWithFakeCamera } from './support/fake-camera'
import { pngToY4m } from './support/y4m'

const artifacts = join(process.cwd(), 'e2e', '.artifacts', 'doors')
const phone = { width: 390, height: 844 }
const laptop = { width: 1366, height: 900 }

test.use({ viewport: laptop })

/** Everything the test made, removed after it whatever happened. */
const made = { kiosks: [] as string[], guestPasses: [] as string[], groups: [] as string[], doors: [] as string[], users: [] as string[] }

test.afterEach(async ({ request }) => {
  const remove = async (path: string) => {
    const response = await request.delete(path, { headers: asApiClient })
    expect([200, 204, 404], `${path}: ${await response.text()}`).toContain(response.status())
  }
  // Kiosks first: a door that a paired kiosk stands at cannot be deleted.
  for (const id of made.kiosks.splice(0)) await remove(`/api/admin/kiosks/${id}`)
  for (const id of made.guestPasses.splice(0)) await remove(`/api/admin/guest-passes/${id}`)
  for (const id of made.groups.splice(0)) await remove(`/api/admin/groups/${id}`)
  for (const id of made.doors.splice(0)) await remove(`/api/admin/doors/${id}`)
  // The API deletes no one: the people made here are disabled instead.
  for (const id of made.users.splice(0)) await setDisabled(request, id, true)
  await demoteAdminsMade(request)
})

/** PNGs at phone and laptop width, for a person to look at. */
async function screenshots(page: Page, name: string) {
  mkdirSync(artifacts, { recursive: true })
  const original = page.viewportSize()
  for (const [label, size] of [
    ['phone', phone],
    ['laptop', laptop],
  ] as const) {
    await page.setViewportSize(size)
    await page.screenshot({ path: join(artifacts, `${name}-${label}.png`), fullPage: true })
  }
  if (original) await page.setViewportSize(original)
}

async function idByName(request: APIRequestContext, list: 'doors' | 'groups', name: string): Promise<string> {
  const response = await request.get(`/api/admin/${list}`, { headers: asApiClient })
  const items = ((await response.json()) as Record<string, { id: string; name: string }[]>)[list]!
  const item = items.find((candidate) => candidate.name === name)
  expect(item, `${name} in /api/admin/${list}`).toBeTruthy()
  return item!.id
}

async function addDoor(page: Page, request: APIRequestContext, name: string) {
  const form = page.getByRole('form', { name: 'Add a door' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Time zone').fill('UTC')
  await form.getByRole('button', { name: 'Add door' }).click()
  await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible()
  const id = await idByName(request, 'doors', name)
  made.doors.push(id)
  return id
}

/** Fills one time window of the group form: the days given (and no others), from and to. */
async function fillWindow(window: Locator, days: string[], from: string, to: string) {
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    const box = window.getByRole('checkbox', { name: day })
    if (days.includes(day)) await box.check()
    else await box.uncheck()
  }
  await window.getByLabel('From').fill(from)
  await window.getByLabel('To').fill(to)
}

async function addGroup(
  page: Page,
  request: APIRequestContext,
  name: string,
  door: string,
  window: { days: string[]; from: string; to: string },
) {
  const form = page.getByRole('region', { name: 'Add a group' })
  await form.getByLabel('Name').fill(name)
  await form.getByRole('group', { name: 'Doors' }).getByLabel(door).check()
  const schedule = form.getByRole('group', { name: 'Schedule' })
  await schedule.getByRole('button', { name: 'Add a time window' }).click()
  await fillWindow(schedule.getByRole('group', { name: 'Time window 1' }), window.days, window.from, window.to)
  await form.getByRole('button', { name: 'Add group' }).click()
  const row = page.getByRole('row').filter({ hasText: name })
  await expect(row).toContainText(door)
  made.groups.push(await idByName(request, 'groups', name))
  return row
}

/** Pairs a kiosk at a door through the Kiosks page; its token, from the pairing panel. */
async function pairKiosk(page: Page, name: string, door: string) {
  await page.goto('/admin/kiosks')
  await expect(page.getByText('Loading kiosks…')).toBeHidden()
  await page.getByLabel('Kiosk name').fill(name)
  await page.getByLabel('Door', { exact: true }).selectOption({ label: door })
  await page.getByRole('button', { name: 'Add kiosk' }).click()
  await expect(page.getByRole('heading', { name: `Pair the tablet for ${name}` })).toBeFocused()
  const token = (await page.getByTestId('kiosk-token').textContent())!.trim()
  const link = new URL((await page.getByTestId('pairing-link').getAttribute('href'))!)
  expect(link.searchParams.get('pair')).toBe(token)
  const pairingUrl = link.pathname + link.search
  await page.getByRole('button', { name: 'Done: I paired the tablet' }).click()
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText(door)
  return { pairingUrl }
}

/** A door tablet: the kiosk page opened with its pairing link; codes are typed (no camera here). */
async function openKiosk(browser: Browser, pairingUrl: string, door: string) {
  const context = await browser.newContext({ baseURL: e2eBaseUrl, viewport: { width: 1024, height: 768 } })
  const page = await context.newPage()
  await page.goto(pairingUrl)
  await expect(page).toHaveURL(/\/kiosk$/)
  await expect(page.getByText(door, { exact: true })).toBeVisible()
  return { page, close: () => context.close() }
}

async function typeCode(kiosk: Page, code: string) {
  await kiosk.getByLabel('Type a pass code instead').fill(code)
  await kiosk.getByRole('button', { name: 'Check code' }).click()
}

/** A weekday (as the checkboxes name it) that is neither today nor yesterday in UTC: a window on it does not cover now. */
function dayAwayFromNow(): string {
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
  return days[(new Date().getUTCDay() + 3) % 7]!
}

test('doors, groups and schedules decide at the kiosk; a guest opens the door from their phone', async ({ page, request, browser }) => {
  test.setTimeout(180_000)
  await signInAsNewAdmin(page, request)

  // Two doors. A time zone the server does not know is refused at the field.
  const lab = uniqueName('Lab')
  const vault = uniqueName('Vault')
  await page.goto('/admin/doors')
  await expect(page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Doors' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByText('Loading doors…')).toBeHidden()
  const doorForm = page.getByRole('form', { name: 'Add a door' })
  await doorForm.getByLabel('Name').fill(lab)
  await doorForm.getByLabel('Time zone').fill('Mars/Olympus_Mons')
  await doorForm.getByRole('button', { name: 'Add door' }).click()
  const timeZone = doorForm.getByLabel('Time zone')
  await expect(timeZone).toHaveAttribute('aria-invalid', 'true')
  await expect(timeZone).toHaveAccessibleDescription('timeZone must be an IANA time zone such as Europe/Berlin or UTC')
  const labId = await addDoor(page, request, lab)
  const vaultId = await addDoor(page, request, vault)

  // Lockdown is a switch, asked for twice: on, then off again.
  const lockdown = page.getByRole('switch', { name: `Lockdown at ${vault}` })
  await expect(lockdown).toHaveAttribute('aria-checked', 'false')
  await lockdown.click()
  const confirmLockdown = page.getByRole('dialog', { name: `Lock down ${vault}?` })
  await expect(confirmLockdown.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await confirmLockdown.getByRole('button', { name: 'Lock down' }).click()
  await expect(lockdown).toHaveAttribute('aria-checked', 'true')
  await expect(page.getByText(`${vault} is in lockdown`)).toBeVisible()
  await lockdown.click()
  await page
    .getByRole('dialog', { name: `End the lockdown of ${vault}?` })
    .getByRole('button', { name: 'End lockdown' })
    .click()
  await expect(lockdown).toHaveAttribute('aria-checked', 'false')
  await screenshots(page, 'doors')

  // A group that may open the lab all day, every day; one that may open the vault only on another day.
  const allDay = uniqueName('Lab all day')
  const elsewhen = uniqueName('Vault another day')
  const otherDay = dayAwayFromNow()
  await page.goto('/admin/groups')
  await expect(page.getByText('Loading groups…')).toBeHidden()
  const everyDay = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
  await expect(await addGroup(page, request, allDay, lab, { days: everyDay, from: '00:00', to: '00:00' })).toContainText(
    'Every day all day',
  )
  const elsewhenRow = await addGroup(page, request, elsewhen, vault, { days: [otherDay], from: '00:00', to: '01:00' })
  await expect(elsewhenRow).toContainText(`${otherDay.slice(0, 3)} 00:00–01:00`)
  await screenshots(page, 'groups')

  // A person in both groups.
  const person = uniqueName('Door Person')
  const email = `${person.replace(/\W+/g, '-').toLowerCase()}@e2e.test`
  await page.goto('/admin/users')
  await expect(page.getByText('Loading users…')).toBeHidden()
  const userForm = page.getByRole('form', { name: 'Add a user' })
  await userForm.getByLabel('Name', { exact: true }).fill(person)
  await userForm.getByLabel('E-mail').fill(email)
  const groupBoxes = userForm.getByRole('group', { name: 'Groups' })
  await groupBoxes.getByLabel('Everyone').uncheck()
  await groupBoxes.getByLabel(allDay).check()
  await groupBoxes.getByLabel(elsewhen).check()
  await userForm.getByRole('button', { name: 'Add user' }).click()
  const personRow = page.getByRole('row').filter({ hasText: email })
  await expect(personRow).toContainText(allDay)
  await expect(personRow).toContainText(elsewhen)
  const users = (await (await request.get('/api/admin/users', { headers: asApiClient })).json()) as {
    users: { id: string; email: string | null }[]
  }
  const personId = users.users.find((user) => user.email === email)!.id
  made.users.push(personId)
  await screenshots(page, 'users')

  // A kiosk at each door.
  const labKiosk = await pairKiosk(page, uniqueName('Lab tablet'), lab)
  const vaultKiosk = await pairKiosk(page, uniqueName('Vault tablet'), vault)
  const kiosks = (await (await request.get('/api/admin/kiosks', { headers: asApiClient })).json()) as {
    kiosks: { id: string; doorId: string | null }[]
  }
  made.kiosks.push(...kiosks.kiosks.filter((kiosk) => kiosk.doorId === labId || kiosk.doorId === vaultId).map((kiosk) => kiosk.id))
  await screenshots(page, 'kiosks')

  // A door that a kiosk stands at cannot be deleted: the dialog says why.
  await page.goto('/admin/doors')
  await page.getByRole('button', { name: `Delete ${lab}` }).click()
  const confirmDelete = page.getByRole('dialog', { name: `Delete ${lab}?` })
  await confirmDelete.getByRole('button', { name: 'Delete door' }).click()
  await expect(confirmDelete.getByRole('alert')).toContainText(`1 kiosk stands at ${lab}, so it cannot be deleted.`)
  await confirmDelete.getByRole('button', { name: 'Cancel' }).click()

  // The lab's kiosk lets the person in; the vault's refuses them and says when they may come.
  const guest = uniqueName('Guest')
  const labTablet = await openKiosk(browser, labKiosk.pairingUrl, lab)
  const vaultTablet = await openKiosk(browser, vaultKiosk.pairingUrl, vault)
  try {
    await typeCode(labTablet.page, await currentPassCode(request, personId))
    await expect(labTablet.page.getByText('Access granted')).toBeVisible()
    await expect(labTablet.page.getByText(person)).toBeVisible()

    await typeCode(vaultTablet.page, await currentPassCode(request, personId))
    await expect(vaultTablet.page.getByText('Access denied')).toBeVisible()
    await expect(
      vaultTablet.page.getByText(new RegExp(`^Not allowed at this time — next from ${otherDay.slice(0, 3)} 00:00$`)),
    ).toBeVisible()
    await vaultTablet.page.screenshot({ path: join(artifacts, 'kiosk-refused.png') })

    // A guest pass for the lab, for two door openings.
    await page.goto('/admin/guests')
    await expect(page.getByText('Loading guest passes…')).toBeHidden()
    const guestForm = page.getByRole('form', { name: 'Make a guest pass' })
    await guestForm.getByLabel('Name').fill(guest)
    await guestForm.getByRole('group', { name: 'Groups' }).getByLabel(allDay).check()
    await expect(guestForm.getByLabel('Valid from')).not.toHaveValue('')
    const tomorrow = await page.evaluate(() => {
      const date = new Date(Date.now() + 86_400_000)
      const pad = (n: number) => String(n).padStart(2, '0')
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
    })
    await guestForm.getByLabel('Valid until').fill(tomorrow)
    await guestForm.getByLabel('Door openings (optional)').fill('2')
    await guestForm.getByRole('button', { name: 'Make guest pass' }).click()
    await expect(page.getByRole('heading', { name: `Guest link for ${guest}` })).toBeFocused()
    await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible()
    const link = (await page.getByTestId('guest-link').getAttribute('href'))!
    expect(link).toMatch(new RegExp(`^${e2eBaseUrl}/g/[A-Za-z0-9_-]{22}$`))
    const passes = (await (await request.get('/api/admin/guest-passes', { headers: asApiClient })).json()) as {
      guestPasses: { id: string; name: string }[]
    }
    made.guestPasses.push(passes.guestPasses.find((pass) => pass.name === guest)!.id)
    await screenshots(page, 'guests-link')
    await page.getByRole('button', { name: 'Done: I have sent the link' }).click()

    // The guest opens the link on a phone: the QR code, the time left and the openings left.
    const phoneContext = await browser.newContext({ viewport: phone, deviceScaleFactor: 2 })
    try {
      const guestPage = await phoneContext.newPage()
      await guestPage.goto(link)
      await expect(guestPage.getByRole('heading', { name: `Door pass for ${guest}` })).toBeVisible()
      await expect(guestPage.getByRole('img', { name: 'Your door pass QR code' })).toBeVisible()
      await expect(guestPage.getByText(/New code in \d+ s/)).toBeVisible()
      await expect(guestPage.getByText(/2 of 2 door openings left/)).toBeVisible()
      mkdirSync(artifacts, { recursive: true })
      await guestPage.screenshot({ path: join(artifacts, 'guest-phone.png'), fullPage: true })

      // A tablet at the lab reads the guest's phone through its camera (a video made from a screenshot
      // of the QR on the phone) and lets them in; their phone says so.
      const qrVideo = join(artifacts, 'guest.y4m')
      pngToY4m(await guestPage.getByRole('img', { name: 'Your door pass QR code' }).screenshot(), qrVideo)
      const cameraBrowser = await launchWithFakeCamera(qrVideo)
      try {
        const cameraContext = await cameraBrowser.newContext({ baseURL: e2eBaseUrl, viewport: { width: 1024, height: 768 } })
        await cameraContext.grantPermissions(['camera'], { origin: e2eBaseUrl })
        const cameraKiosk = await cameraContext.newPage()
        await cameraKiosk.goto(labKiosk.pairingUrl)
        await expect(cameraKiosk.getByText('Access granted')).toBeVisible({ timeout: 20_000 })
        await expect(cameraKiosk.getByText(guest)).toBeVisible()
      } finally {
        await cameraBrowser.close()
      }
      await expect(guestPage.getByText('Access granted')).toBeVisible({ timeout: 5_000 })
      await expect(guestPage.getByText(/1 of 2 door openings left/)).toBeVisible()
      await guestPage.screenshot({ path: join(artifacts, 'guest-granted-phone.png'), fullPage: true })

      // The admin sees the use, revokes the pass, and the guest's page says so.
      await page.reload()
      const guestRow = page.getByRole('row').filter({ hasText: guest })
      await expect(guestRow).toContainText('1 of 2')
      await expect(guestRow).toContainText('Active')
      await screenshots(page, 'guests')
      await guestRow.getByRole('button', { name: `Revoke the pass of ${guest}` }).click()
      await page
        .getByRole('dialog', { name: `Revoke the pass of ${guest}?` })
        .getByRole('button', { name: 'Revoke pass' })
        .click()
      await expect(guestRow).toContainText('Revoked')
      await expect(guestPage.getByRole('heading', { name: 'This pass was revoked' })).toBeVisible({ timeout: 5_000 })
      await guestPage.screenshot({ path: join(artifacts, 'guest-revoked-phone.png'), fullPage: true })

      // A link that is no pass at all.
      await guestPage.goto('/g/AAAAAAAAAAAAAAAAAAAAAA')
      await expect(guestPage.getByRole('heading', { name: 'This link is not valid' })).toBeVisible()
    } finally {
      await phoneContext.close()
    }
  } finally {
    await labTablet.close()
    await vaultTablet.close()
  }

  // The access log, filtered by door: the grants at the lab, the refusal at the vault.
  await page.goto('/admin')
  await page.getByLabel('Door', { exact: true }).selectOption(labId)
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page).toHaveURL(new RegExp(`door=${labId}`))
  const scans = page.getByRole('table', { name: 'Scans' })
  await expect(scans.getByRole('row').filter({ hasText: person })).toContainText('Granted')
  await expect(scans.getByRole('row').filter({ hasText: person })).toContainText(lab)
  await expect(scans.getByRole('row').filter({ hasText: guest })).toContainText('Granted')
  await expect(scans.getByRole('row').filter({ hasText: vault })).toHaveCount(0)
  await page.getByLabel('Door', { exact: true }).selectOption(vaultId)
  await page.getByRole('button', { name: 'Apply filters' }).click()
  const refused = scans.getByRole('row').filter({ hasText: person })
  await expect(refused).toHaveCount(1)
  await expect(refused).toContainText('Denied')
  await expect(refused).toContainText('Not allowed at this time')
  await screenshots(page, 'access-log-by-door')
})
