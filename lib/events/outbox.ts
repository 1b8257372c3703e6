// The door events' outbox (decision 0013). What other systems must hear of is written as an
// OutboxMessage in the transaction that made it happen: a scan's access event (lib/db/statements),
// a remote unlock, a lockdown, a kiosk going on- or offline. The instance that wrote a row holds
// its claim and sends it right away (kickDoorEvents); if that instance dies first, the claim ends
// after OUTBOX_CLAIM_MS and whichever instance runs processOutbox next takes the row with one
// conditional UPDATE. Sending a row means: its webhook deliveries are written (once: in a
// transaction with the row's fannedOutAt mark), its MQTT messages are published with QoS 1 and
// acknowledged by the broker, then the row is deleted. A crash or a broker outage in between sends
// it again later: at least once, in order of the rows' ids, which per door is the order of its events.
import type { Db } from '@/lib/db/client'
import type { OutboxRowRecord } from '@/lib/db/statements/types'
import { INSTANCE_ID, OUTBOX_CLAIM_MS } from './listeners'
import { mqttMessages, webhookEvents, type MqttMessage, type OutboxFact } from './messages'
import { deliveryRows, subscribedEndpoints } from './webhooks'

/** Where MQTT messages go (lib/events/mqtt.ts); null when MQTT_URL is not set. */
export interface MqttSink {
  readonly topicPrefix: string
  /** Connected to the broker now. */
  ready(): boolean
  /** Resolves once the broker acknowledged every message (QoS 1), in their order. */
  publish(messages: MqttMessage[]): Promise<void>
}

/** The row of a non-scan event, for the caller's transaction: claimed by this instance, which sends it. */
export function outboxRow(o: {
  now: Date
  kind: 'access' | 'door_state' | 'kiosk_presence'
  doorId?: string | null
  accessEventId?: number
  kioskId?: string
  payload?: Record<string, unknown>
  instanceId?: string
}) {
  return {
    kind: o.kind,
    doorId: o.doorId ?? null,
    accessEventId: o.accessEventId ?? null,
    kioskId: o.kioskId ?? null,
    payload: o.payload ? JSON.stringify(o.payload) : null,
    createdAt: o.now,
    claimedBy: o.instanceId ?? INSTANCE_ID,
    claimedUntil: new Date(o.now.getTime() + OUTBOX_CLAIM_MS),
  }
}

export interface OutboxRun {
  /** Rows sent and deleted. */
  sent: number
  /** Webhook deliveries written. */
  deliveries: number
  /** Rows this instance holds that wait for the broker. */
  waiting: number
}

type OutboxRow = OutboxRowRecord

/** Sends what this instance holds, after taking the rows whose claim ended; up to `limit` rows per batch. */
export async function processOutbox(o: {
  db: Db
  now: Date
  mqtt: MqttSink | null
  instanceId?: string
  claimMs?: number
  limit?: number
  /** Take the rows whose claim ended first (the default); the runs right after a write skip it (lib/events/runtime.ts). */
  takeOver?: boolean
}): Promise<OutboxRun> {
  const { db, now, mqtt } = o
  const instanceId = o.instanceId ?? INSTANCE_ID
  const claimedUntil = new Date(now.getTime() + (o.claimMs ?? OUTBOX_CLAIM_MS))
  const run: OutboxRun = { sent: 0, deliveries: 0, waiting: 0 }
  const limit = o.limit ?? 200
  // Rows whose sender is gone (or slow): each goes to the one instance whose UPDATE matches it.
  if (o.takeOver !== false) {
    await db.outboxMessage.updateMany({ where: { claimedUntil: { lte: now } }, data: { claimedBy: instanceId, claimedUntil } })
  }
  for (let afterId = 0; ;) {
    // Read and deleted with the hot path's statements: this runs after every batch of scans.
    const read = await db.sql.readHeldOutboxRows({ instanceId, now, afterId, limit })
    if (read.length === 0) return run
    // A SQLite row tells of a group commit's events: a batch holds as many rows as fit in
    // MAX_BATCH_EVENTS (at least one), so that after an outage one publish is not thousands.
    const rows = upToEvents(read, MAX_BATCH_EVENTS)
    afterId = rows.at(-1)!.id
    const facts = await readFacts(db, rows)
    run.deliveries += await fanOut({ db, now, instanceId, rows, facts })
    if (mqtt) {
      const messages = facts.flatMap((fact) => mqttMessages(fact, mqtt.topicPrefix, now))
      if (messages.length > 0) {
        const failure = !mqtt.ready() ? 'The MQTT broker is not connected' : await mqtt.publish(messages).then(() => null, describe)
        if (failure) {
          // Left claimed; tried again at the next run (or by another instance once the claim ends).
          await db.outboxMessage.updateMany({
            where: { id: { in: rows.map((row) => row.id) }, claimedBy: instanceId },
            data: { attempts: { increment: 1 }, error: failure },
          })
          run.waiting += rows.length
          return run
        }
      }
    }
    run.sent += await db.sql.deleteSentOutboxRows({ ids: rows.map((row) => row.id), instanceId })
    // Rows written since the read wait for the next run (the writes kicked it): under a stream of
    // scans, reading again at once would send each group commit's row on its own.
    if (read.length < limit && rows.length === read.length) return run
  }
}

/** Events per batch, at most (unless one row tells of more). */
const MAX_BATCH_EVENTS = 1_000

/** The first rows whose events together stay within `max` (at least the first row). */
function upToEvents(rows: OutboxRow[], max: number): OutboxRow[] {
  let events = 0
  for (const [index, row] of rows.entries()) {
    // A row of another kind tells of one thing.
    events += Math.max(1, accessEventCount(row))
    if (events > max && index > 0) return rows.slice(0, index)
  }
  return rows
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Writes the webhook deliveries of the rows not yet fanned out, and marks them, all or nothing (db.sql.fanOutOutboxRows). */
async function fanOut(o: { db: Db; now: Date; instanceId: string; rows: OutboxRow[]; facts: OutboxFact[] }): Promise<number> {
  const pending = new Set(o.rows.filter((row) => row.fannedOutAt === null).map((row) => row.id))
  if (pending.size === 0) return 0
  const endpoints = await subscribedEndpoints(o.db)
  if (endpoints.length === 0) return 0
  const wanted = new Set(endpoints.flatMap((endpoint) => [...endpoint.eventTypes]))
  const deliveries = deliveryRows({
    events: o.facts.filter((fact) => pending.has(fact.outboxId)).flatMap((fact) => webhookEvents(fact, wanted)),
    endpoints,
  })
  // Nothing for any endpoint (most scans, when endpoints want entries only): no mark either, a
  // write for nothing; a row sent again later is looked at again, for the endpoints there are then.
  if (deliveries.length === 0) return 0
  // Only if the rows are still ours and not fanned out by another instance meanwhile: else nothing is written.
  const written = await o.db.sql.fanOutOutboxRows({
    ids: [...pending],
    instanceId: o.instanceId,
    now: o.now,
    deliveries,
  })
  if (!written) throw new Error('outbox rows were taken by another instance during the fan-out')
  return deliveries.length
}

/** How many access events a row tells of: one, or the run SQLite's group commit wrote (`lastAccessEventId`). */
function accessEventCount(row: OutboxRow): number {
  if (row.kind !== 'access' || row.accessEventId === null) return 0
  return (row.lastAccessEventId ?? row.accessEventId) - row.accessEventId + 1
}

/** The ids of the access events a row tells of. */
function accessEventIds(row: OutboxRow): number[] {
  return Array.from({ length: accessEventCount(row) }, (_, index) => row.accessEventId! + index)
}

/** What each row tells: access events are read from their own rows, with the names of who and where. */
async function readFacts(db: Db, rows: OutboxRow[]): Promise<OutboxFact[]> {
  const eventById = new Map((await db.sql.readAccessEventFacts(rows.flatMap(accessEventIds))).map((event) => [event.id, event]))
  return rows.flatMap((row): OutboxFact[] => {
    const payload = row.payload ? (JSON.parse(row.payload) as Record<string, unknown>) : {}
    switch (row.kind) {
      case 'access':
        // An id with no event: deleted since (housekeeping).
        return accessEventIds(row).flatMap((id): OutboxFact[] => {
          const event = eventById.get(id)
          return event ? [{ kind: 'access', outboxId: row.id, event }] : []
        })
      case 'door_state':
        return [{ kind: 'door_state', outboxId: row.id, doorId: row.doorId!, lockdown: payload.lockdown === true, at: row.createdAt }]
      case 'kiosk_presence':
        return [
          {
            kind: 'kiosk_presence',
            outboxId: row.id,
            kioskId: row.kioskId!,
            kioskName: (payload.kioskName as string | undefined) ?? null,
            doorId: row.doorId,
            online: payload.online === true,
            at: row.createdAt,
            lastSeenAt: typeof payload.lastSeenAt === 'string' ? new Date(payload.lastSeenAt) : null,
          },
        ]
      default:
        console.error(`[qr-door] events: outbox row ${row.id} has an unknown kind "${row.kind}"; it is dropped`)
        return []
    }
  })
}

/** The console's view of what waits: outbox rows (by their age) and webhook deliveries still queued. */
export async function outboxBacklog(o: { db: Db; now: Date }) {
  const [messages, oldest, queuedDeliveries, failedDeliveries, lastError] = await Promise.all([
    o.db.outboxMessage.count(),
    o.db.outboxMessage.findFirst({ orderBy: { id: 'asc' }, select: { createdAt: true } }),
    o.db.webhookDelivery.count({ where: { status: 'queued' } }),
    o.db.webhookDelivery.count({ where: { status: 'failed' } }),
    o.db.outboxMessage.findFirst({ where: { error: { not: null } }, orderBy: { id: 'desc' }, select: { error: true } }),
  ])
  return {
    messages,
    oldestMessageAt: oldest?.createdAt ?? null,
    lastError: lastError?.error ?? null,
    queuedDeliveries,
    failedDeliveries,
  }
}
