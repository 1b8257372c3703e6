// The outbox: a message is written to the Delivery table in the transaction that made it (a sign-in
// code, with its challenge), and sent after the request has answered, so the answer waits for no
// provider and says nothing about whether a message went out. Any instance may send it: taking a
// message is one conditional UPDATE (queued and due) that also moves nextAttemptAt on by a lease,
// so of several workers one sends it, and a message whose worker died is taken again when the lease
// ends. A failed send is tried again later, DELIVERY_ATTEMPTS times in all; the row says how it went.
import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Db } from '@/lib/db/client'
import type { Prisma } from '@/lib/db/generated/sqlite/client'
import { sealText, unsealText } from '@/lib/secrets'
import { logDemoMessage, sendOnChannel, type OutgoingMessage } from './deliver'
import { deliverySettings, type DeliverySettings } from './settings'

export const DELIVERY_ATTEMPTS = 4
/** The waits before the second, third and fourth tries: all within a sign-in code's 10 minutes. */
const RETRY_DELAYS_SECONDS = [15, 60, 180]
/** How long past the provider's own time-out a worker holds a message it took. */
const LEASE_MARGIN_MS = 30_000

/** The message's text sealed under a key of its own, bound to the row's id: a queued message holds a code. */
const seal = (message: OutgoingMessage, deliveryId: string) => sealText('outbox', JSON.stringify(message), deliveryId)

function unseal(sealed: string, deliveryId: string): OutgoingMessage | null {
  const text = unsealText('outbox', sealed, deliveryId)
  return text === null ? null : (JSON.parse(text) as OutgoingMessage)
}

export interface OutboxEntry {
  deliveryId: string
  /** The row's INSERT, for the caller's transaction. */
  write: Prisma.PrismaPromise<unknown>
  /** Once the transaction committed: send the message (or, in demo mode, log it). */
  release: () => void
}

/** A message for the outbox: queued with its text sealed, or in demo mode recorded as shown. */
export function outboxEntry(o: {
  db: Db
  now: Date
  message: OutgoingMessage
  challengeId: string | null
  settings: DeliverySettings
}): OutboxEntry {
  const { db, now, message } = o
  const deliveryId = randomUUID()
  const row = {
    id: deliveryId,
    channel: message.channel,
    recipient: message.to,
    subject: message.channel === 'email' ? message.subject : null,
    challengeId: o.challengeId,
    createdAt: now,
  }
  if (o.settings.demo) {
    return {
      deliveryId,
      write: db.delivery.create({ data: { ...row, status: 'demo', body: message.text } }),
      release: () => logDemoMessage(message),
    }
  }
  return {
    deliveryId,
    write: db.delivery.create({ data: { ...row, status: 'queued', payload: seal(message, deliveryId), nextAttemptAt: now } }),
    release: () => sendSoon({ db, deliveryId }),
  }
}

const inFlight = new Set<Promise<void>>()

/** Sends a queued message after the current request has answered (the next turn of the event loop). */
export function sendSoon(o: { db: Db; deliveryId: string }): void {
  const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => sendQueued({ db: o.db, now: new Date(), deliveryId: o.deliveryId }))
    .then(
      () => undefined,
      (error: unknown) => console.error('[qr-door] outbox: a send failed unexpectedly:', error),
    )
    .finally(() => inFlight.delete(job))
  inFlight.add(job)
}

/** Resolves once the sends this process started have finished (tests; a graceful stop). */
export async function outboxSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight])
}

export type SendQueuedOutcome = 'sent' | 'retry' | 'failed' | 'not_due'

/** Takes one queued message if it is due and sends it, recording the outcome on its row. */
export async function sendQueued(o: { db: Db; now: Date; deliveryId: string; settings?: DeliverySettings }): Promise<SendQueuedOutcome> {
  const { db, now, deliveryId: id } = o
  const settings = o.settings ?? deliverySettings()
  const taken = await db.delivery.updateMany({
    where: { id, status: 'queued', nextAttemptAt: { lte: now } },
    data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + settings.timeoutMs + LEASE_MARGIN_MS) },
  })
  if (taken.count === 0) return 'not_due'
  const row = await db.delivery.findUniqueOrThrow({ where: { id }, select: { payload: true, attempts: true } })
  const message = row.payload ? unseal(row.payload, id) : null
  const result = message
    ? await sendOnChannel(settings, message)
    : ({ status: 'unavailable', reason: 'The queued message cannot be read (was APP_SECRET changed?)' } as const)
  // Written only while the row is still this worker's: no other took it since (its lease ended).
  const ours = { id, status: 'queued', attempts: row.attempts }
  if (result.status === 'sent') {
    await db.delivery.updateMany({
      where: ours,
      data: { status: 'sent', providerId: result.providerId, error: null, payload: null, nextAttemptAt: null },
    })
    return 'sent'
  }
  const delay = RETRY_DELAYS_SECONDS[row.attempts - 1]
  if (result.status === 'failed' && row.attempts < DELIVERY_ATTEMPTS && delay !== undefined) {
    await db.delivery.updateMany({ where: ours, data: { error: result.reason, nextAttemptAt: new Date(now.getTime() + delay * 1000) } })
    return 'retry'
  }
  await db.delivery.updateMany({ where: ours, data: { status: 'failed', error: result.reason, payload: null, nextAttemptAt: null } })
  return 'failed'
}

/** Sends the queued messages that are due: retries, and those whose worker stopped before sending. */
export async function sendDueDeliveries(o: { db: Db; now: Date; settings?: DeliverySettings; limit?: number }): Promise<number> {
  const due = await o.db.delivery.findMany({
    where: { status: 'queued', nextAttemptAt: { lte: o.now } },
    orderBy: { nextAttemptAt: 'asc' },
    take: o.limit ?? 20,
    select: { id: true },
  })
  const outcomes = await Promise.all(due.map((row) => sendQueued({ ...o, deliveryId: row.id })))
  return outcomes.filter((outcome) => outcome !== 'not_due').length
}

/** Runs sendDueDeliveries every `intervalMs`, one run at a time, without keeping the process alive. */
export function scheduleOutbox(o: { db: Db; intervalMs: number }): void {
  let running = false
  const run = async () => {
    if (running) return
    running = true
    try {
      await sendDueDeliveries({ db: o.db, now: new Date() })
    } catch (error) {
      console.error('[qr-door] outbox run failed:', error)
    } finally {
      running = false
    }
  }
  setInterval(() => void run(), o.intervalMs).unref()
}
