// The door-events HTTP API (SPEC "Door control and events"), called as the exported route handlers
// with Web Requests: webhook endpoints (GET|POST /api/admin/webhooks, DELETE …/{id}), the delivery
// log and "send again", the outbox's backlog, remote unlock (POST /api/admin/doors/{id}/unlock) and
// the kiosk heartbeat (POST /api/kiosk/heartbeat) with the presence it shows in /api/admin/kiosks.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST as unlockDoor } from '@/app/api/admin/doors/[id]/unlock/route'
import { PATCH as patchDoor } from '@/app/api/admin/doors/[id]/route'
import { GET as listEvents } from '@/app/api/admin/events/route'
import { DELETE as revokeKiosk } from '@/app/api/admin/kiosks/[id]/route'
import { GET as listKiosks } from '@/app/api/admin/kiosks/route'
import { GET as outbox } from '@/app/api/admin/outbox/route'
import { DELETE as deleteWebhook } from '@/app/api/admin/webhooks/[id]/route'
import { POST as retryDelivery } from '@/app/api/admin/webhooks/deliveries/[id]/retry/route'
import { GET as listDeliveries } from '@/app/api/admin/webhooks/deliveries/route'
import { GET as listWebhooks, POST as createWebhook } from '@/app/api/admin/webhooks/route'
import { POST as heartbeat } from '@/app/api/kiosk/heartbeat/route'
import { db } from '@/lib/db'
import { KIOSK_HEARTBEAT_SECONDS } from '@/lib/events/kiosk-presence'
import { processOutbox } from '@/lib/events/outbox'
import { startDoorEvents } from '@/lib/events/runtime'
import { verifySignature } from '@/lib/events/webhook-signature'
import { sendDueWebhooks } from '@/lib/events/webhooks'
import {
  apiKeyCredentials,
  call,
  createPassUser,
  kioskCredentials,
  noCredentials,
  params,
  sessionCredentials,
  type Credentials,
} from '../door/fixtures'
import { clearDoorStates, doorWithPeople, eventually, scanAt, SYSTEM_BROKER_URL, uniqueTopicPrefix } from './support/peers'

let api: Credentials
let admin: { id: string; credentials: Credentials }
let receiver: Server
let receiverUrl: string
/** Bodies the receiver got, with the headers that matter. */
const received: { body: string; signature: string; delivery: string; event: string }[] = []
let receiverAnswers = 500

beforeAll(async () => {
  api = await apiKeyCredentials()
  const adminUser = await createPassUser({ name: 'Admiral', role: 'admin' })
  admin = { id: adminUser.id, credentials: await sessionCredentials(adminUser.id) }
  receiver = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      received.push({
        body,
        signature: String(request.headers['x-qrdoor-signature']),
        delivery: String(request.headers['x-qrdoor-delivery']),
        event: String(request.headers['x-qrdoor-event']),
      })
      response.writeHead(receiverAnswers).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
})

afterAll(async () => {
  receiver.closeAllConnections()
  await new Promise<void>((resolve) => receiver.close(() => resolve()))
})

type Webhook = { id: string; url: string; eventTypes: string[]; createdAt: string; queued: number; failed: number }
type Delivery = {
  id: string
  endpointId: string
  url: string
  eventId: string
  type: string
  status: string
  attempts: number
  lastStatus: number | null
  error: string | null
  createdAt: string
  lastAttemptAt: string | null
  nextAttemptAt: string | null
}

const create = (body: unknown, credentials: Credentials = api) =>
  createWebhook(call('/api/admin/webhooks', credentials, { method: 'POST', body }), params({}))
const list = async () =>
  ((await (await listWebhooks(call('/api/admin/webhooks', api), params({}))).json()) as { webhooks: Webhook[] }).webhooks
const remove = (id: string, credentials: Credentials = api) =>
  deleteWebhook(call(`/api/admin/webhooks/${id}`, credentials, { method: 'DELETE' }), params({ id }))
const deliveries = (query = '') => listDeliveries(call(`/api/admin/webhooks/deliveries${query}`, api), params({}))
const retry = (id: string, credentials: Credentials = api) =>
  retryDelivery(call(`/api/admin/webhooks/deliveries/${id}/retry`, credentials, { method: 'POST' }), params({ id }))
const backlog = async () => (await outbox(call('/api/admin/outbox', api), params({}))).json()
const unlock = (id: string, credentials: Credentials = api) =>
  unlockDoor(call(`/api/admin/doors/${id}/unlock`, credentials, { method: 'POST' }), params({ id }))
const beat = (credentials: Credentials) => heartbeat(call('/api/kiosk/heartbeat', credentials, { method: 'POST' }), params({}))
const kioskList = async () =>
  (
    (await (await listKiosks(call('/api/admin/kiosks', api), params({}))).json()) as {
      kiosks: { id: string; online: boolean; offlineSince: string | null }[]
    }
  ).kiosks

const schemaError = (path: string, message: string) => ({
  error: { code: 'bad_request', message: 'The request does not match the schema', issues: [{ path, message }] },
})

describe('webhook endpoints: /api/admin/webhooks', () => {
  it('adds an endpoint (its secret in that answer only), lists it, removes it', async () => {
    const response = await create({ url: receiverUrl, eventTypes: ['access.granted', 'kiosk.offline'] })
    expect(response.status).toBe(201)
    const created = (await response.json()) as Webhook & { secret: string }
    expect(created).toEqual({
      id: expect.any(String),
      url: receiverUrl,
      eventTypes: ['access.granted', 'kiosk.offline'],
      createdAt: expect.any(String),
      queued: 0,
      failed: 0,
      secret: expect.stringMatching(/^whsec_/),
    })
    const listed = await list()
    expect(listed).toEqual([
      {
        id: created.id,
        url: receiverUrl,
        eventTypes: ['access.granted', 'kiosk.offline'],
        createdAt: created.createdAt,
        queued: 0,
        failed: 0,
      },
    ])
    expect(JSON.stringify(listed)).not.toContain(created.secret)

    const removed = await remove(created.id)
    expect(removed.status).toBe(200)
    expect(await removed.json()).toEqual({ id: created.id })
    expect(await list()).toEqual([])
    const again = await remove(created.id)
    expect(again.status).toBe(404)
    expect(await again.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it.each([
    ['a URL that is not one', { url: 'not a url', eventTypes: ['access.granted'] }, 'url', 'url must be an http:// or https:// URL'],
    [
      'a URL of another scheme',
      { url: 'ftp://example.com/hook', eventTypes: ['access.granted'] },
      'url',
      'url must be an http:// or https:// URL',
    ],
    ['an unknown event type', { url: 'https://example.com/hook', eventTypes: ['access.granted', 'door.exploded'] }, 'eventTypes.1', null],
    ['no event type', { url: 'https://example.com/hook', eventTypes: [] }, 'eventTypes', 'eventTypes must list at least one event type'],
  ])('refuses %s with 400, naming the field', async (_name, body, field, message) => {
    const response = await create(body)
    expect(response.status).toBe(400)
    const answer = (await response.json()) as { error: { issues: { path: string; message: string }[] } }
    if (message) expect(answer).toEqual(schemaError(field, message))
    else expect(answer.error.issues.map((issue) => issue.path)).toEqual([field])
    expect(await list()).toEqual([])
  })
})

describe('the delivery log: /api/admin/webhooks/deliveries', () => {
  it('lists deliveries by endpoint and status, and sends one again on request', async () => {
    receiverAnswers = 500
    const created = (await (await create({ url: receiverUrl, eventTypes: ['access.granted', 'door.unlocked'] })).json()) as Webhook & {
      secret: string
    }
    const place = await doorWithPeople()
    const now = new Date()
    const scan = await scanAt({ now, userId: place.people[0]!.id, place })
    await processOutbox({ db, now, mqtt: null })
    expect(await sendDueWebhooks({ db, now })).toBe(2)

    const page = await deliveries(`?endpoint=${created.id}&status=queued`)
    expect(page.status).toBe(200)
    const { deliveries: queued, nextCursor } = (await page.json()) as { deliveries: Delivery[]; nextCursor: string | null }
    expect(nextCursor).toBeNull()
    expect(queued.map((delivery) => delivery.type).sort()).toEqual(['access.granted', 'door.unlocked'])
    expect(queued[0]).toEqual({
      id: expect.any(String),
      endpointId: created.id,
      url: receiverUrl,
      eventId: expect.stringMatching(/^evt_/),
      type: expect.any(String),
      status: 'queued',
      attempts: 1,
      lastStatus: 500,
      error: 'HTTP 500',
      createdAt: now.toISOString(),
      lastAttemptAt: now.toISOString(),
      nextAttemptAt: new Date(now.getTime() + 30_000).toISOString(),
    })
    expect(((await (await deliveries('?status=sent')).json()) as { deliveries: Delivery[] }).deliveries).toEqual([])
    // Pages of one, newest first, the cursor leading to the next.
    const first = (await (await deliveries('?limit=1')).json()) as { deliveries: Delivery[]; nextCursor: string }
    const second = (await (await deliveries(`?limit=1&cursor=${first.nextCursor}`)).json()) as { deliveries: Delivery[]; nextCursor: null }
    expect([...first.deliveries, ...second.deliveries].map((delivery) => delivery.id).sort()).toEqual(
      queued.map((delivery) => delivery.id).sort(),
    )
    expect(second.nextCursor).toBeNull()
    expect((await deliveries('?status=lost')).status).toBe(400)
    expect((await deliveries('?cursor=garbage')).status).toBe(400)

    // "Send again": tried at once, the answer says how it went.
    receiverAnswers = 202
    const granted = queued.find((delivery) => delivery.type === 'access.granted')!
    const retried = await retry(granted.id)
    expect(retried.status).toBe(200)
    expect(await retried.json()).toMatchObject({
      id: granted.id,
      status: 'sent',
      attempts: 2,
      lastStatus: 202,
      error: null,
      nextAttemptAt: null,
    })
    const last = received.at(-1)!
    expect(last).toMatchObject({ delivery: granted.id, event: 'access.granted' })
    expect(verifySignature({ secret: created.secret, body: last.body, header: last.signature, now: new Date() })).toBe(true)
    expect(JSON.parse(last.body)).toMatchObject({ id: granted.eventId, type: 'access.granted', data: { eventId: scan.eventId } })
    expect((await list())[0]).toMatchObject({ id: created.id, queued: 1, failed: 0 })

    // A delivery whose try is under way (as a worker's take leaves it) is not sent twice at once.
    const unlocked = queued.find((delivery) => delivery.type === 'door.unlocked')!
    const takenAt = new Date()
    await db.webhookDelivery.update({
      where: { id: unlocked.id },
      data: { attempts: 2, lastAttemptAt: takenAt, nextAttemptAt: new Date(takenAt.getTime() + 30_000), lastStatus: null, error: null },
    })
    const busy = await retry(unlocked.id)
    expect(busy.status).toBe(409)
    expect(await busy.json()).toMatchObject({ error: { code: 'conflict', message: 'This delivery is being sent right now' } })

    const unknown = await retry('no-such-delivery')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } })
    expect((await remove(created.id)).status).toBe(200)
    // Its deliveries went with it.
    expect(((await (await deliveries()).json()) as { deliveries: Delivery[] }).deliveries).toEqual([])
  })
})

describe('remote unlock: POST /api/admin/doors/{id}/unlock', () => {
  it('opens the door through the same path, logged as remote_unlock with the admin who did it', async () => {
    const place = await doorWithPeople({ unlockSeconds: 12 })
    const response = await unlock(place.door.id, admin.credentials)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { eventId: number; doorId: string; seconds: number; at: string }
    expect(body).toEqual({ eventId: expect.any(Number), doorId: place.door.id, seconds: 12, at: expect.any(String) })

    const log = await listEvents(call(`/api/admin/events?door=${place.door.id}`, api), params({}))
    const { events } = (await log.json()) as {
      events: { id: number; reason: string; result: string; userId: string; userName: string; doorId: string }[]
    }
    expect(events).toEqual([
      expect.objectContaining({
        id: body.eventId,
        result: 'granted',
        reason: 'remote_unlock',
        userId: admin.id,
        userName: 'Admiral',
        doorId: place.door.id,
        at: body.at,
      }),
    ])
    // Its outbox row, sent like a grant's.
    expect(await db.outboxMessage.findFirst({ where: { accessEventId: body.eventId } })).toMatchObject({
      kind: 'access',
      doorId: place.door.id,
    })
  })

  it('names the API key that asked, when no person did', async () => {
    const place = await doorWithPeople()
    const response = await unlock(place.door.id)
    expect(response.status).toBe(200)
    const { eventId } = (await response.json()) as { eventId: number }
    const event = await db.accessEvent.findUniqueOrThrow({ where: { id: eventId } })
    expect(event).toMatchObject({ reason: 'remote_unlock', userId: null, input: expect.stringMatching(/^api key /) })
  })

  it('answers 404 for an unknown door and 409 for a door in lockdown, and logs neither', async () => {
    const before = await db.accessEvent.count({ where: { reason: 'remote_unlock' } })
    const unknown = await unlock('no-such-door')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } })

    const place = await doorWithPeople()
    expect(
      (
        await patchDoor(
          call(`/api/admin/doors/${place.door.id}`, api, { method: 'PATCH', body: { lockdown: true } }),
          params({ id: place.door.id }),
        )
      ).status,
    ).toBe(200)
    const locked = await unlock(place.door.id, admin.credentials)
    expect(locked.status).toBe(409)
    expect(await locked.json()).toMatchObject({ error: { code: 'conflict' } })
    expect(await db.accessEvent.count({ where: { reason: 'remote_unlock' } })).toBe(before)
  })

  it('is for admins only', async () => {
    const place = await doorWithPeople()
    const plainUser = await sessionCredentials((await createPassUser()).id)
    for (const [who, credentials, status] of [
      ['no credentials', noCredentials, 401],
      ['a kiosk', await kioskCredentials(), 403],
      ['a plain user', plainUser, 403],
    ] as const) {
      expect((await unlock(place.door.id, credentials)).status, who).toBe(status)
      expect((await create({ url: receiverUrl, eventTypes: ['access.granted'] }, credentials)).status, who).toBe(status)
    }
    expect(await db.accessEvent.count({ where: { doorId: place.door.id } })).toBe(0)
  })
})

describe('kiosk heartbeat: POST /api/kiosk/heartbeat', () => {
  it('shows the kiosk online, fires kiosk.online once, and tells a revoked kiosk with 401', async () => {
    const kiosk = await kioskCredentials('Heartbeat tablet')
    await db.kiosk.update({ where: { id: kiosk.kioskId }, data: { doorId: 'front-door' } })
    expect((await kioskList()).find((entry) => entry.id === kiosk.kioskId)).toMatchObject({ online: false, offlineSince: null })

    const first = await beat(kiosk)
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({
      kiosk: { id: kiosk.kioskId, name: 'Heartbeat tablet' },
      door: { id: 'front-door', name: 'Front door' },
      nextHeartbeatSeconds: KIOSK_HEARTBEAT_SECONDS,
    })
    expect((await beat(kiosk)).status).toBe(200)
    expect((await kioskList()).find((entry) => entry.id === kiosk.kioskId)).toMatchObject({ online: true, offlineSince: null })
    // One change, one kiosk.online, however many heartbeats.
    expect(await db.outboxMessage.count({ where: { kind: 'kiosk_presence', kioskId: kiosk.kioskId } })).toBe(1)

    // Unpaired: its next heartbeat is refused, which is how it learns; the console shows it offline.
    expect(
      (await revokeKiosk(call(`/api/admin/kiosks/${kiosk.kioskId}`, api, { method: 'DELETE' }), params({ id: kiosk.kioskId }))).status,
    ).toBe(200)
    const refused = await beat(kiosk)
    expect(refused.status).toBe(401)
    expect(await refused.json()).toMatchObject({ error: expect.any(Object) })
    expect((await kioskList()).find((entry) => entry.id === kiosk.kioskId)).toMatchObject({
      online: false,
      offlineSince: expect.any(String),
    })
  })

  it('is for kiosks only', async () => {
    expect((await beat(noCredentials)).status).toBe(401)
    expect((await beat(api)).status).toBe(403)
  })
})

describe('the backlog: GET /api/admin/outbox', () => {
  it('counts what waits and says whether this instance’s MQTT is configured and connected', async () => {
    const waiting = (await backlog()) as { messages: number; oldestMessageAt: string | null }
    // Remote unlocks and heartbeats of the tests above wait: no door-events runtime ran.
    expect(waiting).toMatchObject({ messages: expect.any(Number), mqtt: { configured: false, connected: false } })
    expect(waiting.messages).toBeGreaterThan(0)
    expect(waiting.oldestMessageAt).toEqual(expect.any(String))

    const prefix = uniqueTopicPrefix()
    const events = startDoorEvents({ db, mqtt: { url: SYSTEM_BROKER_URL, topicPrefix: prefix } })
    try {
      await eventually(async () =>
        expect(await backlog()).toEqual({
          messages: 0,
          oldestMessageAt: null,
          lastError: null,
          queuedDeliveries: 0,
          failedDeliveries: 0,
          mqtt: { configured: true, connected: true },
        }),
      )
    } finally {
      await events.stop()
      await clearDoorStates(SYSTEM_BROKER_URL, prefix)
    }
    expect(await backlog()).toMatchObject({ mqtt: { configured: false, connected: false } })
  })
})
