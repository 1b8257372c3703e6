// Signed webhooks (SPEC "Door control and events") to a real receiver on node:http, which checks
// every delivery as the README tells receivers to: the X-QRDoor-Signature over the raw body with the
// endpoint's secret (verifySignature), X-QRDoor-Event and X-QRDoor-Delivery. A failing receiver is
// tried again after RETRY_DELAYS_SECONDS (the clock is moved, not waited for), then given up after
// WEBHOOK_ATTEMPTS tries; "Send again" tries once more; each endpoint gets only the types it wants.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { closeDb, createDb, type Db } from '@/lib/db/client'
import { recordHeartbeat } from '@/lib/events/kiosk-presence'
import { LISTENERS_TTL_MS, outboxClaim } from '@/lib/events/listeners'
import { WEBHOOK_EVENT_TYPES } from '@/lib/events/messages'
import { processOutbox } from '@/lib/events/outbox'
import { remoteUnlock } from '@/lib/events/remote-unlock'
import { verifySignature } from '@/lib/events/webhook-signature'
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  RETRY_DELAYS_SECONDS,
  sendDueWebhooks,
  sendWebhookAgain,
  WEBHOOK_ATTEMPTS,
} from '@/lib/events/webhooks'
import { createPassUser } from '../door/fixtures'
import { doorWithPeople, eventually, header, scanAt, startReceiver, type ReceivedDelivery } from './support/peers'

/** What the receiver saw of each request, and whether it proved to come from us. */
interface Checked extends ReceivedDelivery {
  event: string | undefined
  deliveryId: string | undefined
  signed: boolean
}

const secrets = new Map<string, string>()
/** Tries seen per delivery id, by the receiver. */
const tries = new Map<string, number>()
let downRecovers = false

let receiver: Awaited<ReturnType<typeof startReceiver>>

beforeAll(async () => {
  receiver = await startReceiver((request) => {
    const deliveryId = header(request.headers, 'X-QRDoor-Delivery') ?? ''
    const tried = (tries.get(deliveryId) ?? 0) + 1
    tries.set(deliveryId, tried)
    switch (request.path) {
      case '/flaky':
        // Refuses the first two tries of each delivery on purpose.
        return tried <= 2 ? 500 : 204
      case '/down':
        return downRecovers ? 200 : 503
      case '/hang':
        return 0
      default:
        return 200
    }
  })
})

afterAll(() => receiver?.close())

afterEach(async () => {
  for (const endpoint of await listWebhookEndpoints({ db })) await deleteWebhookEndpoint({ db, endpointId: endpoint.id })
  await db.outboxMessage.deleteMany()
})

async function endpointAt(path: string, eventTypes: (typeof WEBHOOK_EVENT_TYPES)[number][]) {
  const endpoint = await createWebhookEndpoint({ db, now: new Date(), url: receiver.url(path), eventTypes })
  secrets.set(endpoint.id, endpoint.secret)
  return endpoint
}

/** The requests to `path`, each checked against the secret of the endpoint there. */
function receivedAt(path: string, endpointId: string): Checked[] {
  return receiver.received
    .filter((request) => request.path === path)
    .map((request) => ({
      ...request,
      event: header(request.headers, 'X-QRDoor-Event'),
      deliveryId: header(request.headers, 'X-QRDoor-Delivery'),
      signed: verifySignature({
        secret: secrets.get(endpointId)!,
        body: request.body,
        header: header(request.headers, 'X-QRDoor-Signature') ?? '',
        now: new Date(),
      }),
    }))
}

const seconds = (from: Date, s: number) => new Date(from.getTime() + s * 1000)

describe('webhook deliveries', () => {
  it('shows the secret once, signs every try, and retries a failing receiver until its third try succeeds', async () => {
    const endpoint = await endpointAt('/flaky', ['access.granted', 'door.unlocked'])
    expect(endpoint).toEqual({
      id: expect.any(String),
      url: receiver.url('/flaky'),
      eventTypes: ['access.granted', 'door.unlocked'],
      createdAt: expect.any(Date),
      queued: 0,
      failed: 0,
      secret: expect.stringMatching(/^whsec_[\w-]{32}$/),
    })
    // Shown once: neither the list nor the stored row holds it in the clear.
    expect(JSON.stringify(await listWebhookEndpoints({ db }))).not.toContain(endpoint.secret)
    expect(JSON.stringify(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } }))).not.toContain(endpoint.secret)

    const place = await doorWithPeople({ unlockSeconds: 9 })
    const person = place.people[0]!
    const t0 = new Date()
    const scan = await scanAt({ now: t0, userId: person.id, place })
    expect(scan.granted).toBe(true)
    expect(await processOutbox({ db, now: t0, mqtt: null })).toEqual({ sent: 1, deliveries: 2, waiting: 0 })
    expect(await db.outboxMessage.count()).toBe(0)
    expect((await listWebhookEndpoints({ db }))[0]).toMatchObject({ id: endpoint.id, queued: 2, failed: 0 })

    // Try 1 now; nothing before the first delay; try 2; nothing before the second delay; try 3.
    expect(await sendDueWebhooks({ db, now: t0 })).toBe(2)
    const afterFirst = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { type: 'asc' } })
    expect(afterFirst).toEqual([
      expect.objectContaining({ status: 'queued', attempts: 1, lastStatus: 500, error: 'HTTP 500: receiver says no' }),
      expect.objectContaining({ status: 'queued', attempts: 1, lastStatus: 500 }),
    ])
    expect(afterFirst.map((row) => row.nextAttemptAt)).toEqual([
      seconds(t0, RETRY_DELAYS_SECONDS[0]!),
      seconds(t0, RETRY_DELAYS_SECONDS[0]!),
    ])
    const t1 = seconds(t0, RETRY_DELAYS_SECONDS[0]!)
    expect(await sendDueWebhooks({ db, now: seconds(t1, -1) })).toBe(0)
    expect(await sendDueWebhooks({ db, now: t1 })).toBe(2)
    const t2 = seconds(t1, RETRY_DELAYS_SECONDS[1]!)
    expect(await sendDueWebhooks({ db, now: seconds(t2, -1) })).toBe(0)
    expect(await sendDueWebhooks({ db, now: t2 })).toBe(2)
    expect(await sendDueWebhooks({ db, now: seconds(t2, 86_400) })).toBe(0)

    const rows = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { type: 'asc' } })
    expect(rows.map((row) => [row.type, row.status, row.attempts, row.lastStatus, row.error, row.nextAttemptAt])).toEqual([
      ['access.granted', 'sent', 3, 204, null, null],
      ['door.unlocked', 'sent', 3, 204, null, null],
    ])
    expect(rows.map((row) => row.lastAttemptAt)).toEqual([t2, t2])

    // The receiver: three tries of each delivery, every one signed, named and the same bytes.
    const requests = receivedAt('/flaky', endpoint.id)
    expect(requests).toHaveLength(6)
    for (const row of rows) {
      const ofRow = requests.filter((request) => request.deliveryId === row.id)
      expect(ofRow.map((request) => [request.status, request.event, request.signed, request.body])).toEqual([
        [500, row.type, true, row.body],
        [500, row.type, true, row.body],
        [204, row.type, true, row.body],
      ])
      expect(header(ofRow[0]!.headers, 'content-type')).toBe('application/json')
    }
    // A body changed on the way, or signed with another secret, does not verify.
    const signature = header(requests[0]!.headers, 'X-QRDoor-Signature')!
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    const check = (secret: string, body: string) => verifySignature({ secret, body, header: signature, now: new Date() })
    expect(check(endpoint.secret, requests[0]!.body)).toBe(true)
    expect(check(endpoint.secret, requests[0]!.body.replace('granted', 'denied'))).toBe(false)
    expect(check(`${endpoint.secret}x`, requests[0]!.body)).toBe(false)

    // The body: {id, type, createdAt, data}.
    const granted = JSON.parse(rows[0]!.body) as Record<string, unknown>
    expect(granted).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'access.granted',
      createdAt: t0.toISOString(),
      data: {
        eventId: scan.eventId,
        userId: person.id,
        userName: person.name,
        doorId: place.door.id,
        doorName: place.door.name,
        at: t0.toISOString(),
        kioskId: place.kiosk.id,
        kioskName: place.kiosk.name,
        result: 'granted',
        reason: 'granted',
      },
    })
    expect(Object.keys(granted)).toEqual(['id', 'type', 'createdAt', 'data'])
    expect(JSON.parse(rows[1]!.body)).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'door.unlocked',
      createdAt: t0.toISOString(),
      data: {
        eventId: scan.eventId,
        userId: person.id,
        userName: person.name,
        doorId: place.door.id,
        doorName: place.door.name,
        at: t0.toISOString(),
        seconds: 9,
        by: 'scan',
      },
    })
    expect(rows.map((row) => row.eventId)).toEqual(rows.map((row) => (JSON.parse(row.body) as { id: string }).id))
  })

  it(`gives a delivery up after ${WEBHOOK_ATTEMPTS} tries over more than a day, and "send again" tries once more`, async () => {
    downRecovers = false
    const endpoint = await endpointAt('/down', ['access.denied'])
    const place = await doorWithPeople()
    const t0 = new Date()
    const scan = await scanAt({ now: t0, userId: place.people[0]!.id, place, wrong: true })
    expect(scan.reason).toBe('wrong_code')
    expect(await processOutbox({ db, now: t0, mqtt: null })).toMatchObject({ sent: 1, deliveries: 1 })
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })

    expect(RETRY_DELAYS_SECONDS.reduce((sum, delay) => sum + delay, 0)).toBeGreaterThan(24 * 3600)
    let now = t0
    for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt++) {
      expect(await sendDueWebhooks({ db, now }), `try ${attempt}`).toBe(1)
      const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })
      const delay = RETRY_DELAYS_SECONDS[attempt - 1]
      expect(row, `after try ${attempt}`).toMatchObject({
        status: delay === undefined ? 'failed' : 'queued',
        attempts: attempt,
        lastStatus: 503,
        error: 'HTTP 503: receiver says no',
        nextAttemptAt: delay === undefined ? null : seconds(now, delay),
      })
      if (delay !== undefined) now = seconds(now, delay)
    }
    expect(await sendDueWebhooks({ db, now: seconds(now, 7 * 86_400) })).toBe(0)
    expect(receivedAt('/down', endpoint.id).filter((request) => request.deliveryId === delivery.id)).toHaveLength(WEBHOOK_ATTEMPTS)
    expect((await listWebhookEndpoints({ db }))[0]).toMatchObject({ queued: 0, failed: 1 })
    expect((await listWebhookDeliveries({ db, status: 'failed' })).deliveries.map((row) => row.id)).toEqual([delivery.id])

    // The receiver works again; the admin sends it once more, and it goes at once.
    downRecovers = true
    const again = await sendWebhookAgain({ db, now: new Date(), deliveryId: delivery.id })
    expect(again).toMatchObject({
      id: delivery.id,
      status: 'sent',
      attempts: WEBHOOK_ATTEMPTS + 1,
      lastStatus: 200,
      error: null,
      nextAttemptAt: null,
    })
    const requests = receivedAt('/down', endpoint.id).filter((request) => request.deliveryId === delivery.id)
    expect(requests).toHaveLength(WEBHOOK_ATTEMPTS + 1)
    expect(requests.every((request) => request.signed && request.body === delivery.body)).toBe(true)
    expect(requests.at(-1)!.status).toBe(200)
    // A sent delivery can be sent again too (the receiver deduplicates by the body's id).
    expect(await sendWebhookAgain({ db, now: new Date(), deliveryId: delivery.id })).toMatchObject({
      status: 'sent',
      attempts: WEBHOOK_ATTEMPTS + 2,
    })
    await expect(sendWebhookAgain({ db, now: new Date(), deliveryId: 'no-such-delivery' })).rejects.toMatchObject({ status: 404 })
  })

  it('counts a receiver that does not answer in time as a failed try', async () => {
    const endpoint = await endpointAt('/hang', ['access.granted'])
    const place = await doorWithPeople()
    const t0 = new Date()
    await scanAt({ now: t0, userId: place.people[0]!.id, place })
    await processOutbox({ db, now: t0, mqtt: null })
    const startedAt = performance.now()
    expect(await sendDueWebhooks({ db, now: t0, timeoutMs: 300 })).toBe(1)
    expect(performance.now() - startedAt).toBeLessThan(5_000)
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastStatus: null,
      error: 'no answer within 0.3 s',
      nextAttemptAt: seconds(t0, RETRY_DELAYS_SECONDS[0]!),
    })
    expect(receivedAt('/hang', endpoint.id)).toHaveLength(1)
  })

  it('refuses "send again" while a try of that delivery is under way, instead of sending it twice at once', async () => {
    const endpoint = await endpointAt('/hang', ['access.granted'])
    const place = await doorWithPeople()
    const t0 = new Date()
    await scanAt({ now: t0, userId: place.people[0]!.id, place })
    await processOutbox({ db, now: t0, mqtt: null })
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })
    // A try that hangs for a while (the receiver never answers; the time-out ends it).
    const trying = sendDueWebhooks({ db, now: t0, timeoutMs: 1_500 })
    const triesOf = () => receiver.received.filter((request) => header(request.headers, 'X-QRDoor-Delivery') === delivery.id)
    await eventually(() => expect(triesOf()).toHaveLength(1))
    await expect(sendWebhookAgain({ db, now: new Date(), deliveryId: delivery.id })).rejects.toMatchObject({ status: 409 })
    expect(await trying).toBe(1)
    expect(triesOf()).toHaveLength(1)
    // Its outcome is recorded; then "send again" may go.
    const tried = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })
    expect(tried).toMatchObject({ status: 'queued', attempts: 1, error: 'no answer within 1.5 s' })
    expect(await listWebhookDeliveries({ db, endpointId: endpoint.id })).toMatchObject({
      deliveries: [{ id: delivery.id, status: 'queued', attempts: 1, error: 'no answer within 1.5 s' }],
    })
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { url: receiver.url('/ok') } })
    expect(await sendWebhookAgain({ db, now: new Date(), deliveryId: delivery.id })).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastStatus: 200,
    })
  })

  it('sends each endpoint only the event types it wants, with one event id for all of them', async () => {
    const deniedOnly = await endpointAt('/denied', ['access.denied'])
    const everything = await endpointAt('/all', [...WEBHOOK_EVENT_TYPES])
    const place = await doorWithPeople({ people: 2 })
    const admin = await createPassUser({ name: 'Admin', role: 'admin' })
    const t0 = new Date()
    const grant = await scanAt({ now: t0, userId: place.people[0]!.id, place })
    const denial = await scanAt({ now: t0, userId: place.people[1]!.id, place, wrong: true })
    const unlock = await remoteUnlock({ db, now: t0, doorId: place.door.id, by: { userId: admin.id } })
    expect(await processOutbox({ db, now: t0, mqtt: null })).toEqual({ sent: 3, deliveries: 5, waiting: 0 })
    expect(await sendDueWebhooks({ db, now: t0 })).toBe(5)

    const bodies = (path: string, endpointId: string) =>
      receivedAt(path, endpointId).map((request) => {
        expect(request.signed).toBe(true)
        const body = JSON.parse(request.body) as { id: string; type: string; data: Record<string, unknown> }
        expect(request.event).toBe(body.type)
        return body
      })
    const denied = bodies('/denied', deniedOnly.id)
    expect(denied.map((body) => [body.type, body.data.eventId])).toEqual([['access.denied', denial.eventId]])
    const all = bodies('/all', everything.id)
    expect(all.map((body) => [body.type, body.data.eventId]).sort()).toEqual(
      [
        ['access.granted', grant.eventId],
        ['door.unlocked', grant.eventId],
        ['access.denied', denial.eventId],
        ['door.unlocked', unlock.eventId],
      ].sort(),
    )
    // Both endpoints got the same event (the body's id), each as a delivery of its own.
    const deniedForAll = all.find((body) => body.type === 'access.denied')!
    expect(deniedForAll.id).toBe(denied[0]!.id)
    const deliveryIds = receiver.received
      .filter((request) => ['/denied', '/all'].includes(request.path))
      .map((r) => r.headers['x-qrdoor-delivery'])
    expect(new Set(deliveryIds).size).toBe(5)
    // A remote unlock opens the door (door.unlocked, by remote) and is no scan (no access.granted).
    expect(all.find((body) => body.type === 'door.unlocked' && body.data.eventId === unlock.eventId)!.data).toMatchObject({
      by: 'remote',
      userId: admin.id,
      userName: 'Admin',
      seconds: 7,
    })
  })

  it('tells of kiosks coming online, to the endpoints that want it', async () => {
    const endpoint = await endpointAt('/kiosks', ['kiosk.online', 'kiosk.offline'])
    const place = await doorWithPeople()
    const t0 = new Date()
    expect(await recordHeartbeat({ db, now: t0, kioskId: place.kiosk.id })).toEqual({ cameOnline: true })
    expect(await recordHeartbeat({ db, now: seconds(t0, 30), kioskId: place.kiosk.id })).toEqual({ cameOnline: false })
    expect(await processOutbox({ db, now: seconds(t0, 30), mqtt: null })).toEqual({ sent: 1, deliveries: 1, waiting: 0 })
    await sendDueWebhooks({ db, now: seconds(t0, 30) })
    const [request] = receivedAt('/kiosks', endpoint.id)
    expect(request).toMatchObject({ event: 'kiosk.online', signed: true, status: 200 })
    expect(JSON.parse(request!.body)).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'kiosk.online',
      createdAt: t0.toISOString(),
      data: {
        kioskId: place.kiosk.id,
        kioskName: place.kiosk.name,
        doorId: place.door.id,
        lastSeenAt: t0.toISOString(),
        at: t0.toISOString(),
      },
    })
  })

  it('writes no outbox rows for scans while nothing listens (no MQTT, no endpoint)', async () => {
    const place = await doorWithPeople()
    const endpoint = await endpointAt('/ok', ['access.granted'])
    await scanAt({ now: new Date(), userId: place.people[0]!.id, place })
    expect(await db.outboxMessage.count()).toBe(1)
    await deleteWebhookEndpoint({ db, endpointId: endpoint.id })
    await db.outboxMessage.deleteMany()
    await scanAt({ now: new Date(), userId: place.people[0]!.id, place, wrong: true })
    expect(await db.outboxMessage.count()).toBe(0)
    await expect(deleteWebhookEndpoint({ db, endpointId: endpoint.id })).rejects.toMatchObject({ status: 404 })
  })
})

// Two workers at one batch: tests/api/events/two-instances-events.test.ts.
describe('sending a batch (scans make deliveries by the thousand)', () => {
  /** `count` due deliveries to `path`, as a fan-out writes them. */
  async function dueDeliveries(path: string, count: number) {
    const endpoint = await endpointAt(path, ['access.denied'])
    const now = new Date()
    const ids = Array.from({ length: count }, () => crypto.randomUUID())
    await db.webhookDelivery.createMany({
      data: ids.map((id, index) => ({
        id,
        endpointId: endpoint.id,
        eventId: `batch-${id}`,
        type: 'access.denied',
        body: JSON.stringify({ id: `batch-${id}`, type: 'access.denied', createdAt: now, data: { index } }),
        status: 'queued',
        nextAttemptAt: now,
        createdAt: now,
      })),
    })
    return { endpoint, ids, now }
  }

  it('costs a few statements per batch, not a few per delivery', async () => {
    const { endpoint, ids, now } = await dueDeliveries('/batch', 40)
    let statements = 0
    const counting = db.$extends({
      query: {
        $allOperations({ args, query }) {
          statements++
          return query(args)
        },
      },
    }) as unknown as Db
    expect(await sendDueWebhooks({ db: counting, now })).toBe(40)
    // The due rows, their take (RETURNING what the POSTs need), the successes: three, for 40.
    expect(statements).toBeLessThanOrEqual(4)
    expect(
      receivedAt('/batch', endpoint.id)
        .map((request) => request.deliveryId)
        .sort(),
    ).toEqual([...ids].sort())
    expect(receivedAt('/batch', endpoint.id).every((request) => request.signed)).toBe(true)
    expect(
      await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, select: { status: true, attempts: true, lastStatus: true } }),
    ).toEqual(ids.map(() => ({ status: 'sent', attempts: 1, lastStatus: 200 })))
  })
})

describe('who listens (lib/events/listeners.ts)', () => {
  it('hears of an endpoint made on another instance, even when this one was quiet since it last looked', async () => {
    // The other instance, where the scans happen; endpoints are made here, on `db`.
    const other = createDb(process.env.DATABASE_URL!).db
    try {
      const place = await doorWithPeople({ people: 2 })
      // It has read that nothing listens: its scans write no outbox rows.
      await eventually(() => expect(outboxClaim(other, new Date())).toBeNull())
      const quiet = await scanAt({ database: other, now: new Date(), userId: place.people[0]!.id, place })
      expect(await db.outboxMessage.count({ where: { accessEventId: quiet.eventId } })).toBe(0)

      await endpointAt('/ok', ['access.granted'])
      // Longer than LISTENERS_TTL_MS later, with no scan there meanwhile, its first scan is told.
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(Date.now() + 2 * LISTENERS_TTL_MS)
      const told = await scanAt({ database: other, now: new Date(), userId: place.people[1]!.id, place })
      expect(told.granted).toBe(true)
      expect(await db.outboxMessage.count({ where: { accessEventId: told.eventId } })).toBe(1)
    } finally {
      vi.useRealTimers()
      await closeDb(other)
    }
  })

  it('knows at once of an endpoint made here, even while a read of the endpoints is under way', async () => {
    // A read that began before the endpoint was made and answers after it: it must not undo what
    // this instance knows.
    let answer!: () => void
    const held = new Promise<void>((resolve) => (answer = resolve))
    let read: Promise<number> | undefined
    const heldCount = (target: Db['webhookEndpoint']) => () =>
      (read = target.count().then(async (count) => {
        await held
        return count
      }))
    const endpoints = new Proxy(db.webhookEndpoint, {
      get: (target, name) => (name === 'count' ? heldCount(target) : Reflect.get(target, name)),
    })
    const instance = new Proxy(db, { get: (target, name) => (name === 'webhookEndpoint' ? endpoints : Reflect.get(target, name)) }) as Db
    // Not read yet: a row is written, and the read starts.
    expect(outboxClaim(instance, new Date())).not.toBeNull()
    const endpoint = await createWebhookEndpoint({
      db: instance,
      now: new Date(),
      url: receiver.url('/ok'),
      eventTypes: ['access.granted'],
    })
    expect(read).toBeDefined()
    answer()
    // The read has answered (it counted no endpoint), and the instance still knows of one.
    expect(await read).toBe(0)
    await new Promise((resolve) => setImmediate(resolve))
    expect(outboxClaim(instance, new Date())).not.toBeNull()
    await deleteWebhookEndpoint({ db: instance, endpointId: endpoint.id })
    expect(outboxClaim(instance, new Date())).toBeNull()
  })
})
