// The outbox's rows as the scans write them and the sender takes them (decision 0013, addendum
// "one row per batch"): on SQLite one row tells of all the access events of a group commit, on
// PostgreSQL each event has its own; either way every event is sent once. The fan-out's mark and
// deliveries are written all or nothing; a run sends what it read and leaves what came meanwhile
// to the next run.
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import type { OutboxClaim } from '@/lib/db/statements/types'
import type { MqttMessage } from '@/lib/events/messages'
import { processOutbox, type MqttSink } from '@/lib/events/outbox'
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints } from '@/lib/events/webhooks'
import { doorWithPeople } from './support/peers'

const instanceId = 'outbox-rows-test'

afterEach(async () => {
  for (const endpoint of await listWebhookEndpoints({ db })) await deleteWebhookEndpoint({ db, endpointId: endpoint.id })
  await db.outboxMessage.deleteMany()
})

/** A broker stand-in that keeps what it is given; `during` runs while a batch is being published. */
function recordingSink(during?: () => Promise<void>): MqttSink & { messages: MqttMessage[] } {
  const messages: MqttMessage[] = []
  return {
    topicPrefix: 'rows',
    messages,
    ready: () => true,
    async publish(batch) {
      messages.push(...batch)
      await during?.()
    },
  }
}

const claim = (now: Date): OutboxClaim => ({ claimedBy: instanceId, claimedUntil: new Date(now.getTime() + 30_000) })

/** Access events written as one batch of writes (one group commit on SQLite), each wanting its outbox row. */
async function recordEvents(o: { now: Date; doorId: string; userId: string; count: number }): Promise<number[]> {
  return Promise.all(
    Array.from({ length: o.count }, () =>
      db.sql.recordAccessEvent({
        at: o.now,
        userId: o.userId,
        kioskId: null,
        doorId: o.doorId,
        result: 'denied',
        reason: 'replay',
        input: null,
        outbox: claim(o.now),
      }),
    ),
  )
}

const eventIdsOf = (messages: MqttMessage[]) => messages.map((message) => (JSON.parse(message.payload) as { eventId: number }).eventId)

describe('outbox rows', () => {
  it('tell of every event of a batch: one row on SQLite, a row each on PostgreSQL; each event is published once', async () => {
    const place = await doorWithPeople()
    const now = new Date()
    const eventIds = await recordEvents({ now, doorId: place.door.id, userId: place.people[0]!.id, count: 12 })
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
    if (db.sql.dialect === 'sqlite') {
      expect(rows.map((row) => [row.accessEventId, row.lastAccessEventId])).toEqual([[Math.min(...eventIds), Math.max(...eventIds)]])
    } else {
      expect(rows.map((row) => row.accessEventId).sort()).toEqual([...eventIds].sort())
      expect(rows.every((row) => row.lastAccessEventId === null)).toBe(true)
    }

    const sink = recordingSink()
    expect(await processOutbox({ db, now, mqtt: sink, instanceId })).toMatchObject({ sent: rows.length, waiting: 0 })
    expect(eventIdsOf(sink.messages).sort()).toEqual([...eventIds].sort())
    expect(await db.outboxMessage.count()).toBe(0)
  })

  it('a run sends the rows it read; rows written while it published wait for the next run', async () => {
    const place = await doorWithPeople()
    const now = new Date()
    const first = await recordEvents({ now, doorId: place.door.id, userId: place.people[0]!.id, count: 1 })
    let later: number[] = []
    const sink = recordingSink(async () => {
      if (later.length === 0) later = await recordEvents({ now, doorId: place.door.id, userId: place.people[0]!.id, count: 1 })
    })
    expect(await processOutbox({ db, now, mqtt: sink, instanceId, takeOver: false })).toMatchObject({ sent: 1 })
    expect(eventIdsOf(sink.messages)).toEqual(first)
    expect(await db.outboxMessage.count()).toBe(1)

    expect(await processOutbox({ db, now, mqtt: sink, instanceId, takeOver: false })).toMatchObject({ sent: 1 })
    expect(eventIdsOf(sink.messages)).toEqual([...first, ...later])
  })

  it('a batch holds up to 1,000 events: rows telling of more go in the next batch of the same run', async () => {
    const place = await doorWithPeople()
    const now = new Date()
    const base = { at: now, userId: place.people[0]!.id, kioskId: null, doorId: place.door.id, result: 'denied' as const, reason: 'replay' }
    const ids = (
      await Promise.all(Array.from({ length: 1200 }, () => db.sql.recordAccessEvent({ ...base, input: null, outbox: null })))
    ).sort((a, b) => a - b)
    for (const [first, last] of [
      [ids[0]!, ids[599]!],
      [ids[600]!, ids[1199]!],
    ])
      await db.outboxMessage.create({
        data: { kind: 'access', accessEventId: first, lastAccessEventId: last, createdAt: now, ...claim(now) },
      })
    const batches: number[] = []
    const sink = recordingSink()
    const publish = sink.publish.bind(sink)
    sink.publish = (messages) => (batches.push(messages.length), publish(messages))
    expect(await processOutbox({ db, now, mqtt: sink, instanceId, takeOver: false })).toMatchObject({ sent: 2 })
    expect(batches).toEqual([600, 600])
  })

  it('fanOutOutboxRows marks the rows and writes their deliveries only if every row is still ours and not fanned out', async () => {
    const now = new Date()
    const endpoint = await createWebhookEndpoint({ db, now, url: 'http://127.0.0.1:9/hook', eventTypes: ['access.granted'] })
    const row = (claimedBy: string) =>
      db.outboxMessage.create({
        data: { kind: 'door_state', doorId: 'd', payload: '{}', createdAt: now, claimedBy, claimedUntil: new Date(now.getTime() + 30_000) },
      })
    const ours = await row(instanceId)
    const theirs = await row('another-instance')
    const delivery = (eventId: string) => ({
      id: `delivery-${eventId}`,
      endpointId: endpoint.id,
      eventId,
      type: 'access.granted',
      body: '{}',
    })
    const fanOut = (ids: number[], eventId: string) => db.sql.fanOutOutboxRows({ ids, instanceId, now, deliveries: [delivery(eventId)] })

    // One row is another instance's: nothing is written, not even the mark of ours.
    expect(await fanOut([ours.id, theirs.id], 'evt_1')).toBe(false)
    expect(await db.webhookDelivery.count()).toBe(0)
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: ours.id } })).fannedOutAt).toBeNull()

    expect(await fanOut([ours.id], 'evt_2')).toBe(true)
    expect(await db.webhookDelivery.findMany({ select: { eventId: true, status: true } })).toEqual([{ eventId: 'evt_2', status: 'queued' }])
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: ours.id } })).fannedOutAt).toEqual(now)

    // Fanned out already: not again.
    expect(await fanOut([ours.id], 'evt_3')).toBe(false)
    expect(await db.webhookDelivery.count()).toBe(1)
  })
})
