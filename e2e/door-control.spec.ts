// Door control and events through the real pages, with the real broker: an admin adds a webhook
// endpoint (its secret shown once) and presses "Unlock" on the Doors page; a relay listening on MQTT
// gets the unlock message, the endpoint gets door.unlocked signed with the secret, a receiver error
// shows in the delivery log and "Send again" delivers it; a door in lockdown refuses the unlock. A
// kiosk tablet that is closed shows offline in the console once it has missed its heartbeats. What
// the tests make is removed afterwards.
import { createHmac } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { e2eBaseUrl, ownServerPorts } from './config'
import { asApiClient, createKiosk } from './support/admin-api'
import { demoteAdminsMade, signInAsNewAdmin, uniqueName } from './support/admin-console'
import { clearRetained, listenToMqtt, type MqttListener } from './support/mqtt'

const artifacts = join(process.cwd(), 'e2e', '.artifacts', 'door-control')
const phone = { width: 390, height: 844 }
const laptop = { width: 1366, height: 900 }

test.use({ viewport: laptop })

/** Everything the tests made, removed after each whatever happened. */
const made = { webhooks: [] as string[], kiosks: [] as string[], doors: [] as string[] }
let relay: MqttListener | null = null
let receiver: WebhookReceiver | null = null

test.afterEach(async ({ request }) => {
  await relay?.close()
  relay = null
  await receiver?.close()
  receiver = null
  const remove = async (path: string) => {
    const response = await request.delete(path, { headers: asApiClient })
    expect([200, 204, 404], `${path}: ${await response.text()}`).toContain(response.status())
  }
  for (const id of made.webhooks.splice(0)) await remove(`/api/admin/webhooks/${id}`)
  // Kiosks before doors: a door that a kiosk stands at cannot be deleted.
  for (const id of made.kiosks.splice(0)) await remove(`/api/admin/kiosks/${id}`)
  for (const id of made.doors.splice(0)) await remove(`/api/admin/doors/${id}`)
  await demoteAdminsMade(request)
})

test.afterAll(async () => {
  await clearRetained()
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

async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(found, `axe on ${label}`).toEqual([])
}

interface ReceivedWebhook {
  headers: IncomingHttpHeaders
  body: string
}

interface WebhookReceiver {
  url: string
  received: ReceivedWebhook[]
  /** What it answers next: a receiver that is down (500), or up again (204). */
  answer: number
  close(): Promise<void>
}

/** An HTTP server standing in for the system that listens to QR Door's webhooks. */
async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const state: WebhookReceiver = {
    url: `http://127.0.0.1:${ownServerPorts.webhookReceiver}/qrdoor-events`,
    received: [],
    answer: 204,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      state.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.writeHead(state.answer, { 'content-type': 'text/plain' })
      response.end(state.answer >= 300 ? 'receiver is down for maintenance' : undefined)
    })
  })
  await new Promise<void>((resolve) => server.listen(ownServerPorts.webhookReceiver, '127.0.0.1', resolve))
  return state
}

/** The receiver's check of X-QRDoor-Signature: t=<seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. */
function signedWith(secret: string, received: ReceivedWebhook): boolean {
  const header = String(received.headers['x-qrdoor-signature'])
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? []
  if (!t || !v1) return false
  return createHmac('sha256', secret).update(`${t}.${received.body}`).digest('hex') === v1
}

async function idOf(page: Page, list: 'users' | 'webhooks', match: (item: Record<string, unknown>) => boolean): Promise<string> {
  const response = await page.request.get(`/api/admin/${list}`, { headers: asApiClient })
  const items = ((await response.json()) as Record<string, Record<string, unknown>[]>)[list]!
  const item = items.find(match)
  expect(item, `in /api/admin/${list}`).toBeTruthy()
  return String(item!.id)
}

test('an admin unlocks a door from the console: the relay hears it on MQTT, a webhook endpoint gets it signed', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000)
  const admin = await signInAsNewAdmin(page, request)
  const adminId = await idOf(page, 'users', (user) => user.email === admin.email)

  // A door with a relay of its own: unlocked for 7 s at a time.
  const doorName = uniqueName('Relay door')
  const created = await request.post('/api/admin/doors', { data: { name: doorName, unlockSeconds: 7 }, headers: asApiClient })
  expect(created.status(), await created.text()).toBe(201)
  const doorId = ((await created.json()) as { id: string }).id
  made.doors.push(doorId)
  relay = await listenToMqtt([`doors/${doorId}/unlock`, `doors/${doorId}/state`])
  receiver = await startWebhookReceiver()

  // The webhook endpoint, for door.unlocked only; its secret is shown once.
  await page.goto('/admin/webhooks')
  await expect(page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Webhooks' })).toHaveAttribute(
    'aria-current',
    'page',
  )
  await expect(page.getByText(/^Loading/)).toHaveCount(0)
  const form = page.getByRole('form', { name: 'Add an endpoint' })
  await form.getByLabel('URL').fill(receiver.url)
  const events = form.getByRole('group', { name: 'Events' })
  for (const type of ['access.granted', 'access.denied', 'kiosk.offline', 'kiosk.online']) {
    await events.getByRole('checkbox', { name: new RegExp(`^${type.replace('.', '\\.')}`) }).uncheck()
  }
  await expect(events.getByRole('checkbox', { name: /^door\.unlocked/ })).toBeChecked()
  await form.getByRole('button', { name: 'Add endpoint' }).click()
  await expect(page.getByRole('heading', { name: 'Endpoint added: its signing secret' })).toBeFocused()
  await expect(page.getByText('Shown only once.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Copy secret' })).toBeVisible()
  const secret = (await page.getByTestId('webhook-secret').textContent())!.trim()
  expect(secret).toMatch(/^whsec_/)
  made.webhooks.push(await idOf(page, 'webhooks', (endpoint) => endpoint.url === receiver!.url))
  await expectNoViolations(page, '/admin/webhooks, the secret shown')
  await screenshots(page, 'webhooks-secret')
  await page.getByRole('button', { name: 'Done: I stored the secret' }).click()
  await expect(page.getByTestId('webhook-secret')).toHaveCount(0)
  const endpointRow = page.getByRole('row').filter({ hasText: receiver.url })
  await expect(endpointRow).toContainText('door.unlocked')
  await expect(endpointRow).not.toContainText('access.granted')
  await expect.soft(page.getByRole('region', { name: 'Backlog' }), 'the MQTT status of the server').toContainText('Connected')

  // The receiver is down at first: the first try of the delivery fails.
  receiver.answer = 500
  await page.goto('/admin/doors')
  await expect(page.getByText('Loading doors…')).toBeHidden()
  await page.getByRole('button', { name: `Unlock ${doorName}` }).click()
  await expect(page.getByText(`Unlocked: ${doorName} is open for 7 s.`)).toBeVisible()

  // The relay gets the unlock message: the event, the door, who, and for how long.
  const unlock = await relay.next(`doors/${doorId}/unlock`)
  expect(unlock).toEqual({ eventId: expect.any(Number), doorId, userId: adminId, seconds: 7, at: expect.any(String) })
  await screenshots(page, 'doors-unlocked')

  // The endpoint got door.unlocked for the same event, signed with the secret shown once.
  await expect.poll(() => receiver!.received.length, { message: 'the first webhook try' }).toBeGreaterThanOrEqual(1)
  const first = receiver.received[0]!
  expect(first.headers['x-qrdoor-event']).toBe('door.unlocked')
  expect(signedWith(secret, first)).toBe(true)
  expect(signedWith('whsec_another_secret', first)).toBe(false)
  const webhook = JSON.parse(first.body) as { id: string; type: string; data: Record<string, unknown> }
  expect(webhook).toMatchObject({
    type: 'door.unlocked',
    data: { eventId: unlock.eventId, doorId, userId: adminId, seconds: 7, by: 'remote' },
  })

  // The delivery log shows the failed try; "Send again" delivers it now that the receiver is back.
  receiver.answer = 204
  await page.goto('/admin/webhooks')
  const delivery = page.getByRole('listitem').filter({ hasText: webhook.id })
  await expect(delivery).toContainText('Queued')
  await expect(delivery).toContainText('last answer HTTP 500')
  await expect(delivery).toContainText('receiver is down for maintenance')
  await expect(delivery).toContainText('Next try')
  await expectNoViolations(page, '/admin/webhooks, with a delivery')
  await delivery.getByRole('button', { name: `Send again: ${webhook.id} to ${receiver.url}` }).click()
  await expect(page.getByText(`Sent again: ${receiver.url} answered HTTP 204.`)).toBeVisible()
  await expect(delivery).toContainText('Sent')
  await expect(endpointRow).toContainText('All sent')
  const again = receiver.received.at(-1)!
  expect(again.headers['x-qrdoor-delivery']).toBe(first.headers['x-qrdoor-delivery'])
  expect((JSON.parse(again.body) as { id: string }).id).toBe(webhook.id)
  expect(signedWith(secret, again)).toBe(true)
  await screenshots(page, 'webhooks')

  // A door in lockdown is not unlocked, from the console either; its state is retained for relays.
  await page.goto('/admin/doors')
  await page.getByRole('switch', { name: `Lockdown at ${doorName}` }).click()
  await page
    .getByRole('dialog', { name: `Lock down ${doorName}?` })
    .getByRole('button', { name: 'Lock down' })
    .click()
  await expect(page.getByText(`${doorName} is in lockdown`)).toBeVisible()
  expect(await relay.next(`doors/${doorId}/state`, (state) => state.lockdown === true)).toMatchObject({ doorId, lockdown: true })
  const unlocks = relay.messages.filter((message) => message.topic.endsWith('/unlock')).length
  await page.getByRole('button', { name: `Unlock ${doorName}` }).click()
  await expect(page.getByRole('alert').filter({ hasText: doorName })).toHaveText(
    `${doorName} was not unlocked: This door is in lockdown: lift the lockdown to unlock it`,
  )
  await expectNoViolations(page, '/admin/doors, an unlock refused')
  await screenshots(page, 'doors-lockdown-refused')
  expect(relay.messages.filter((message) => message.topic.endsWith('/unlock'))).toHaveLength(unlocks)

  // The endpoint is deleted after asking; nothing more is sent to it.
  await page.goto('/admin/webhooks')
  await page.getByRole('button', { name: `Delete the endpoint ${receiver.url}` }).click()
  await page.getByRole('dialog', { name: 'Delete this endpoint?' }).getByRole('button', { name: 'Delete endpoint' }).click()
  await expect(page.getByText(`The endpoint ${receiver.url} was deleted`)).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: receiver.url })).toHaveCount(0)
})

test('a kiosk tablet that is closed shows offline in the console once it misses its heartbeats', async ({ page, request, browser }) => {
  // Online means a heartbeat in the last 90 s and the server looks every 15 s: up to ~105 s after the
  // last heartbeat, and the Kiosks page refreshes every 15 s.
  test.setTimeout(240_000)
  await signInAsNewAdmin(page, request)
  const kiosk = await createKiosk(request, uniqueName('Presence tablet'))
  made.kiosks.push(kiosk.id)

  const tablet = await browser.newContext({ baseURL: e2eBaseUrl, viewport: { width: 1024, height: 768 } })
  const opened = Date.now()
  try {
    const kioskPage = await tablet.newPage()
    await kioskPage.goto(kiosk.pairingUrl)
    await expect(kioskPage).toHaveURL(/\/kiosk$/)
    // Its name comes from the first heartbeat's answer.
    await expect(kioskPage.getByText(kiosk.name)).toBeVisible()

    await page.goto('/admin/kiosks')
    const row = page.getByRole('row').filter({ hasText: kiosk.name })
    await expect(row).toContainText('Online')
  } finally {
    await tablet.close()
  }

  const row = page.getByRole('row').filter({ hasText: kiosk.name })
  await expect(row).toContainText(/Offline\s*since/, { timeout: 150_000 })
  expect(Date.now() - opened, 'offline only after 90 s without a heartbeat').toBeGreaterThanOrEqual(90_000)
  await expect(row).not.toContainText('Online')
  await screenshots(page, 'kiosks-offline')
})
