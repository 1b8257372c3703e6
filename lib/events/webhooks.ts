// Webhook endpoints and their deliveries. An outbox row (lib/events/outbox.ts) becomes one delivery
// per endpoint that wants its event type, written in one transaction with the row's fan-out mark.
// Any instance may send a due delivery: taking it is one conditional UPDATE (queued, due, and the
// tries it saw) that also moves nextAttemptAt past the request's time-out, so of several workers one
// sends each try, and a try whose worker died is taken again when that lease ends. A non-2xx answer
// or a time-out is tried again after RETRY_DELAYS_SECONDS, which add up to more than a day.
import { randomBytes, randomUUID } from 'node:crypto'
import type { Db } from '@/lib/db/client'
import type { WebhookDeliveryRecord } from '@/lib/db/statements/types'
import { decodeCreatedAtCursor, encodeCreatedAtCursor, olderThan } from '@/lib/db/created-at-cursor'
import { ApiError } from '@/lib/http/errors'
import { sealText, unsealText } from '@/lib/secrets'
import { noteWebhookEndpoints } from './listeners'
import type { WebhookEvent, WebhookEventType } from './messages'
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature'

/** The waits after the 1st, 2nd, … failed try: 30 s up to 12 h, about 40 h in all, 11 tries. */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 12 * 3600, 12 * 3600]
export const WEBHOOK_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1
/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000
/** Past the time-out, how long a worker's hold on a try lasts before another may take it. */
const LEASE_MARGIN_MS = 20_000
/** Enough of a receiver's error answer to tell what went wrong. */
const ERROR_TEXT_MAX = 300

const SECRET_PURPOSE = 'webhook-secret'

export interface WebhookEndpointDto {
  id: string
  url: string
  eventTypes: WebhookEventType[]
  createdAt: Date
  /** Deliveries still to be made (queued), and those given up. */
  queued: number
  failed: number
}

export interface WebhookDeliveryDto {
  id: string
  endpointId: string
  url: string
  eventId: string
  type: string
  status: 'queued' | 'sent' | 'failed'
  attempts: number
  lastStatus: number | null
  error: string | null
  createdAt: Date
  lastAttemptAt: Date | null
  nextAttemptAt: Date | null
}

function readEventTypes(stored: string): WebhookEventType[] {
  return JSON.parse(stored) as WebhookEventType[]
}

/** Adds an endpoint; its secret is in this answer only (the README shows receivers how to check it). */
export async function createWebhookEndpoint(o: {
  db: Db
  now: Date
  url: string
  eventTypes: WebhookEventType[]
}): Promise<WebhookEndpointDto & { secret: string }> {
  const id = randomUUID()
  const secret = `whsec_${randomBytes(24).toString('base64url')}`
  const row = await o.db.webhookEndpoint.create({
    data: {
      id,
      url: o.url,
      eventTypes: JSON.stringify([...new Set(o.eventTypes)]),
      secretEnc: sealText(SECRET_PURPOSE, secret, id),
      createdAt: o.now,
    },
  })
  noteWebhookEndpoints(o.db, true)
  return { id, url: row.url, eventTypes: readEventTypes(row.eventTypes), createdAt: row.createdAt, queued: 0, failed: 0, secret }
}

export async function listWebhookEndpoints(o: { db: Db }): Promise<WebhookEndpointDto[]> {
  const [endpoints, counts] = await Promise.all([
    o.db.webhookEndpoint.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    o.db.webhookDelivery.groupBy({ by: ['endpointId', 'status'], where: { status: { in: ['queued', 'failed'] } }, _count: true }),
  ])
  const count = (endpointId: string, status: string) =>
    counts.find((row) => row.endpointId === endpointId && row.status === status)?._count ?? 0
  return endpoints.map((row) => ({
    id: row.id,
    url: row.url,
    eventTypes: readEventTypes(row.eventTypes),
    createdAt: row.createdAt,
    queued: count(row.id, 'queued'),
    failed: count(row.id, 'failed'),
  }))
}

/** Removes an endpoint and its deliveries: nothing more is sent to it. */
export async function deleteWebhookEndpoint(o: { db: Db; endpointId: string }): Promise<{ id: string }> {
  const { count } = await o.db.webhookEndpoint.deleteMany({ where: { id: o.endpointId } })
  if (count === 0) throw new ApiError('not_found', 'No such webhook endpoint')
  noteWebhookEndpoints(o.db, (await o.db.webhookEndpoint.count()) > 0)
  return { id: o.endpointId }
}

/** The endpoints and what they want, read once per outbox batch. */
export async function subscribedEndpoints(db: Db): Promise<{ id: string; eventTypes: Set<string> }[]> {
  const rows = await db.webhookEndpoint.findMany({ select: { id: true, eventTypes: true } })
  return rows.map((row) => ({ id: row.id, eventTypes: new Set(readEventTypes(row.eventTypes)) }))
}

/** The delivery rows of `events` for the endpoints that want them (written by the outbox's fan-out). */
export function deliveryRows(o: { events: WebhookEvent[]; endpoints: { id: string; eventTypes: Set<string> }[] }): WebhookDeliveryRecord[] {
  return o.events.flatMap((event) => {
    const body = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data })
    return o.endpoints
      .filter((endpoint) => endpoint.eventTypes.has(event.type))
      .map((endpoint) => ({ id: randomUUID(), endpointId: endpoint.id, eventId: event.id, type: event.type, body }))
  })
}

export type WebhookTryOutcome = 'sent' | 'retry' | 'failed' | 'not_due'

/** A try this instance took: all it needs to POST it and record how it went, without reading the row again. */
interface TakenTry {
  id: string
  /** Counting this try. */
  attempts: number
  body: string
  type: string
  endpoint: { id: string; url: string; secretEnc: string }
}

/** A failed try is tried again later unless `final` (it could not even be made). */
type TryResult = { ok: true; status: number } | { ok: false; status: number | null; error: string; final?: boolean }

/** What a worker's take writes: a try under way has no outcome yet and a lease past its time-out. */
function takeData(now: Date, attempts: number, timeoutMs: number) {
  // lastStatus and error cleared: that is how "send again" tells a try under way from a delivery
  // waiting for its next try, whose nextAttemptAt is in the future too (redeliverWebhook).
  return {
    attempts,
    lastAttemptAt: now,
    nextAttemptAt: new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS),
    lastStatus: null,
    error: null,
  }
}

/**
 * The take: one conditional UPDATE … RETURNING, then the endpoints read on their own. With the
 * endpoint as a relation of the RETURNING, Prisma made it a transaction, which held SQLite's write
 * lock across its awaits while the scans' group commits waited (decision 0013).
 */
async function takeTries(
  db: Db,
  take: { where: NonNullable<Parameters<Db['webhookDelivery']['updateManyAndReturn']>[0]>['where']; data: ReturnType<typeof takeData> },
): Promise<TakenTry[]> {
  const taken = await db.webhookDelivery.updateManyAndReturn({
    ...take,
    select: { id: true, attempts: true, body: true, type: true, endpointId: true },
  })
  if (taken.length === 0) return []
  const endpoints = await db.webhookEndpoint.findMany({
    where: { id: { in: [...new Set(taken.map((row) => row.endpointId))] } },
    select: { id: true, url: true, secretEnc: true },
  })
  const endpointById = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]))
  // An endpoint deleted since took its deliveries with it.
  return taken.flatMap(({ endpointId, ...row }) => {
    const endpoint = endpointById.get(endpointId)
    return endpoint ? [{ ...row, endpoint }] : []
  })
}

/** Takes one delivery if it is due and makes one try, recording how it went. */
export async function sendWebhookDelivery(o: {
  db: Db
  now: Date
  deliveryId: string
  timeoutMs?: number
  fetch?: typeof fetch
}): Promise<WebhookTryOutcome> {
  const { db, now, deliveryId: id } = o
  const timeoutMs = o.timeoutMs ?? WEBHOOK_TIMEOUT_MS
  const seen = await db.webhookDelivery.findUnique({ where: { id }, select: { attempts: true, status: true } })
  if (!seen || seen.status !== 'queued') return 'not_due'
  // The take: only if no other worker took this try since our read.
  const [taken] = await takeTries(db, {
    where: { id, status: 'queued', attempts: seen.attempts, nextAttemptAt: { lte: now } },
    data: takeData(now, seen.attempts + 1, timeoutMs),
  })
  if (!taken) return 'not_due'
  const [outcome] = await makeTries({ ...o, tries: [taken], timeoutMs, parallel: 1 })
  return outcome!
}

/**
 * Makes a try of every due delivery (up to `limit`, `parallel` POSTs at a time); how many were
 * tried. A scan's deliveries come in batches, so this costs a few statements per batch, not per
 * delivery: the due rows are taken with one conditional UPDATE per number of tries they had
 * (RETURNING what they need, so the rows another worker took are not ours), and the successes are
 * recorded with one UPDATE per HTTP status.
 */
export async function sendDueWebhooks(o: {
  db: Db
  now: Date
  limit?: number
  parallel?: number
  fetch?: typeof fetch
  timeoutMs?: number
}) {
  const { db, now } = o
  const timeoutMs = o.timeoutMs ?? WEBHOOK_TIMEOUT_MS
  const due = await db.webhookDelivery.findMany({
    where: { status: 'queued', nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }],
    take: o.limit ?? 500,
    select: { id: true, attempts: true },
  })
  const tries: TakenTry[] = []
  for (const [attempts, ids] of groupBy(
    due,
    (row) => row.attempts,
    (row) => row.id,
  )) {
    tries.push(
      ...(await takeTries(db, {
        where: { id: { in: ids }, status: 'queued', attempts, nextAttemptAt: { lte: now } },
        data: takeData(now, attempts + 1, timeoutMs),
      })),
    )
  }
  // In the order they were due (each receiver sees an endpoint's deliveries in order, give or take the parallel ones).
  const order = new Map(due.map((row, index) => [row.id, index]))
  tries.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
  if (tries.length > 0) await makeTries({ ...o, tries, timeoutMs })
  return tries.length
}

/** POSTs taken tries, `parallel` at a time, then records their outcomes. */
async function makeTries(o: {
  db: Db
  now: Date
  tries: TakenTry[]
  timeoutMs: number
  parallel?: number
  fetch?: typeof fetch
}): Promise<WebhookTryOutcome[]> {
  const results: TryResult[] = new Array(o.tries.length)
  let next = 0
  const worker = async () => {
    for (let index = next++; index < o.tries.length; index = next++) {
      const taken = o.tries[index]!
      const secret = endpointSecret(taken.endpoint)
      results[index] = secret
        ? await post({
            url: taken.endpoint.url,
            body: taken.body,
            type: taken.type,
            deliveryId: taken.id,
            secret,
            timeoutMs: o.timeoutMs,
            fetch: o.fetch,
          })
        : { ok: false, status: null, error: "The endpoint's secret cannot be read (was APP_SECRET changed?)", final: true }
    }
  }
  await Promise.all(Array.from({ length: Math.min(o.parallel ?? 16, o.tries.length) }, worker))
  return recordOutcomes({ db: o.db, now: o.now, tries: o.tries, results })
}

/**
 * Each try's outcome, written only while the delivery is still ours (queued, with the tries we
 * counted): a try whose lease ended meanwhile may have been taken by another worker.
 */
async function recordOutcomes(o: { db: Db; now: Date; tries: TakenTry[]; results: TryResult[] }): Promise<WebhookTryOutcome[]> {
  const outcomes: WebhookTryOutcome[] = []
  const sent = new Map<string, { attempts: number; status: number; ids: string[] }>()
  for (const [index, taken] of o.tries.entries()) {
    const result = o.results[index]!
    if (result.ok) {
      const key = `${taken.attempts}:${result.status}`
      const group = sent.get(key) ?? { attempts: taken.attempts, status: result.status, ids: [] }
      group.ids.push(taken.id)
      sent.set(key, group)
      outcomes.push('sent')
      continue
    }
    const ours = { id: taken.id, status: 'queued', attempts: taken.attempts }
    const delay = RETRY_DELAYS_SECONDS[taken.attempts - 1]
    const retry = delay !== undefined && !result.final
    await o.db.webhookDelivery.updateMany({
      where: ours,
      data: retry
        ? { lastStatus: result.status, error: result.error, nextAttemptAt: new Date(o.now.getTime() + delay * 1000) }
        : { status: 'failed', lastStatus: result.status, error: result.error, nextAttemptAt: null },
    })
    outcomes.push(retry ? 'retry' : 'failed')
  }
  for (const group of sent.values()) {
    await o.db.webhookDelivery.updateMany({
      where: { id: { in: group.ids }, status: 'queued', attempts: group.attempts },
      data: { status: 'sent', lastStatus: group.status, error: null, nextAttemptAt: null },
    })
  }
  return outcomes
}

function groupBy<T, K, V>(items: T[], key: (item: T) => K, value: (item: T) => V): Map<K, V[]> {
  const groups = new Map<K, V[]>()
  for (const item of items) {
    const group = groups.get(key(item))
    if (group) group.push(value(item))
    else groups.set(key(item), [value(item)])
  }
  return groups
}

/** Endpoint secrets unsealed once per sealed value, not once per delivery (a changed secret is a new sealed value). */
const unsealedSecrets = new Map<string, string | null>()

function endpointSecret(endpoint: { id: string; secretEnc: string }): string | null {
  const key = `${endpoint.id}:${endpoint.secretEnc}`
  let secret = unsealedSecrets.get(key)
  if (secret === undefined) {
    if (unsealedSecrets.size >= 1_000) unsealedSecrets.clear()
    secret = unsealText(SECRET_PURPOSE, endpoint.secretEnc, endpoint.id)
    unsealedSecrets.set(key, secret)
  }
  return secret
}

async function post(o: {
  url: string
  body: string
  type: string
  deliveryId: string
  secret: string
  timeoutMs: number
  fetch?: typeof fetch
}): Promise<TryResult> {
  try {
    const response = await (o.fetch ?? fetch)(o.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'QR-Door-Webhooks/1',
        'X-QRDoor-Event': o.type,
        'X-QRDoor-Delivery': o.deliveryId,
        [SIGNATURE_HEADER]: signatureHeader({ secret: o.secret, body: o.body, now: new Date() }),
      },
      body: o.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(o.timeoutMs),
    })
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel()
      return { ok: true, status: response.status }
    }
    const text = (await response.text().catch(() => '')).slice(0, ERROR_TEXT_MAX)
    return { ok: false, status: response.status, error: `HTTP ${response.status}${text ? `: ${text}` : ''}` }
  } catch (error) {
    const name = (error as Error | null)?.name
    const reason =
      name === 'TimeoutError' ? `no answer within ${o.timeoutMs / 1000} s` : ((error as Error).cause as Error | undefined)?.message
    return { ok: false, status: null, error: reason ?? (error as Error).message }
  }
}

/** "Send again", tried at once: the delivery as it stands after the try. */
export async function sendWebhookAgain(o: { db: Db; now: Date; deliveryId: string; fetch?: typeof fetch }): Promise<WebhookDeliveryDto> {
  await redeliverWebhook(o)
  await sendWebhookDelivery(o)
  const row = await o.db.webhookDelivery.findUnique({ where: { id: o.deliveryId }, include: { endpoint: { select: { url: true } } } })
  if (!row) throw new ApiError('not_found', 'No such delivery')
  return deliveryDto(row)
}

/**
 * "Send again": a delivery, sent or given up, or queued and waiting for its next try (a failed try
 * left its error), is queued for a try now (its tries go on counting). One whose try is under way
 * (taken: nextAttemptAt is its worker's lease, no outcome yet) is refused rather than sent twice at once.
 */
export async function redeliverWebhook(o: { db: Db; now: Date; deliveryId: string }): Promise<WebhookDeliveryDto> {
  const { count } = await o.db.webhookDelivery.updateMany({
    where: { id: o.deliveryId, OR: [{ status: { not: 'queued' } }, { nextAttemptAt: { gt: o.now }, error: { not: null } }] },
    data: { status: 'queued', nextAttemptAt: o.now },
  })
  const row = await o.db.webhookDelivery.findUnique({ where: { id: o.deliveryId }, include: { endpoint: { select: { url: true } } } })
  if (!row) throw new ApiError('not_found', 'No such delivery')
  if (count === 0 && row.status === 'queued' && row.error === null && row.lastAttemptAt && row.nextAttemptAt && row.nextAttemptAt > o.now) {
    throw new ApiError('conflict', 'This delivery is being sent right now')
  }
  return deliveryDto(row)
}

function deliveryDto(row: {
  id: string
  endpointId: string
  endpoint: { url: string }
  eventId: string
  type: string
  status: string
  attempts: number
  lastStatus: number | null
  error: string | null
  createdAt: Date
  lastAttemptAt: Date | null
  nextAttemptAt: Date | null
}): WebhookDeliveryDto {
  return {
    id: row.id,
    endpointId: row.endpointId,
    url: row.endpoint.url,
    eventId: row.eventId,
    type: row.type,
    status: row.status as WebhookDeliveryDto['status'],
    attempts: row.attempts,
    lastStatus: row.lastStatus,
    error: row.error,
    createdAt: row.createdAt,
    lastAttemptAt: row.lastAttemptAt,
    nextAttemptAt: row.status === 'queued' ? row.nextAttemptAt : null,
  }
}

export const WEBHOOK_DELIVERIES_MAX_PAGE = 200

/** The delivery log, newest first: keyset pages on (createdAt, id) over WebhookDelivery_createdAt. */
export async function listWebhookDeliveries(o: {
  db: Db
  endpointId?: string
  status?: 'queued' | 'sent' | 'failed'
  limit?: number
  cursor?: string
}): Promise<{ deliveries: WebhookDeliveryDto[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(o.limit ?? 50, 1), WEBHOOK_DELIVERIES_MAX_PAGE)
  const before = o.cursor ? decodeCreatedAtCursor(o.cursor) : null
  const rows = await o.db.webhookDelivery.findMany({
    where: {
      ...(o.endpointId ? { endpointId: o.endpointId } : {}),
      ...(o.status ? { status: o.status } : {}),
      ...(before ? olderThan(before) : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    include: { endpoint: { select: { url: true } } },
  })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    deliveries: page.map(deliveryDto),
    nextCursor: rows.length > limit && last ? encodeCreatedAtCursor(last) : null,
  }
}
