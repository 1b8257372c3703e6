// Whether anything listens to door events: MQTT (MQTT_URL) or at least one webhook endpoint. Only
// then does a scan write an outbox row beside its access event (decision 0013): an install that
// listens to nothing pays nothing on the hot path. Whether endpoints exist is read from the
// database at most every LISTENERS_TTL_MS, in the background, never while a scan waits; an endpoint
// made on another instance is heard of within that time (the same instance knows at once).
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Db } from '@/lib/db/client'
import type { OutboxClaim } from '@/lib/db/statements/types'
import { processState } from './process-state'

/** How long the instance that wrote an outbox row has to send it before another may take it. */
export const OUTBOX_CLAIM_MS = 30_000
/** How stale this instance's knowledge of the webhook endpoints may be. */
export const LISTENERS_TTL_MS = 2_000

/** This process, as it signs its outbox claims. */
export const INSTANCE_ID = (processState.instanceId ??= `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`)

interface Listening {
  mqtt: boolean
  /** null until first read. */
  webhooks: boolean | null
  readAt: number
  reading: boolean
  /** Counts what this instance learnt: a read that began before the last change does not undo it. */
  version: number
}

const listening = processState.listening as WeakMap<Db, Listening>

function stateOf(db: Db): Listening {
  let state = listening.get(db)
  if (!state) listening.set(db, (state = { mqtt: false, webhooks: null, readAt: 0, reading: false, version: 0 }))
  return state
}

/** The runtime (lib/events/runtime.ts) says whether it publishes to MQTT for this database. */
export function setMqttListening(db: Db, on: boolean): void {
  stateOf(db).mqtt = on
}

/** After an endpoint is added or removed here: no need to wait for the next read. */
export function noteWebhookEndpoints(db: Db, exist: boolean): void {
  const state = stateOf(db)
  state.webhooks = exist
  state.readAt = Date.now()
  state.version++
}

function refreshWebhooks(db: Db, state: Listening): void {
  if (state.reading) return
  state.reading = true
  const version = state.version
  db.webhookEndpoint
    .count()
    .then(
      // An endpoint added or removed here while the count ran is newer than what the count saw.
      (count) => state.version === version && noteWebhookEndpoints(db, count > 0),
      (error: unknown) => console.error('[qr-door] events: reading the webhook endpoints failed:', error),
    )
    .finally(() => (state.reading = false))
}

/**
 * The claim for an outbox row written now, or null when nothing listens. Until a read of the
 * endpoints newer than LISTENERS_TTL_MS has answered (the first, or the next after a quiet while, in
 * which another instance may have added one), rows are written: a row too many is dropped by the
 * worker, a row too few would be an event lost.
 */
export function outboxClaim(db: Db, now: Date, instanceId = INSTANCE_ID): OutboxClaim | null {
  const state = stateOf(db)
  const stale = Date.now() - state.readAt > LISTENERS_TTL_MS
  if (stale) refreshWebhooks(db, state)
  if (!state.mqtt && state.webhooks === false && !stale) return null
  return { claimedBy: instanceId, claimedUntil: new Date(now.getTime() + OUTBOX_CLAIM_MS) }
}
