import type { Db } from '@/lib/db/client'
import { outboxClaim } from '@/lib/events/listeners'
import { kickDoorEvents } from '@/lib/events/runtime'

export const SCAN_REASONS = [
  'granted',
  'wrong_code',
  'replay',
  'unknown_user',
  'disabled_user',
  'malformed',
  // A door's rules (decision 0011): checked only when the scan names a door.
  'no_access',
  'outside_schedule',
  'not_yet_valid',
  'access_expired',
  'uses_exhausted',
  'lockdown',
] as const
export type ScanReason = (typeof SCAN_REASONS)[number]

/** What the access log holds: every scan's reason, and an admin's remote unlock (lib/events/remote-unlock.ts). */
export const ACCESS_EVENT_REASONS = [...SCAN_REASONS, 'remote_unlock'] as const
export type AccessEventReason = (typeof ACCESS_EVENT_REASONS)[number]

/** Enough of what a scanner read to investigate a bad scan, not enough to fill the table. */
export const EVENT_INPUT_MAX_LENGTH = 200

/**
 * Records one scan (a prepared statement, db.sql: every scan writes one), with its outbox row when
 * anything listens (MQTT, webhooks), which this instance then sends.
 */
export async function recordAccessEvent(options: {
  db: Db
  now: Date
  reason: ScanReason
  userId: string | null
  kioskId: string | null
  /** The door whose rules decided the scan, if any. */
  doorId?: string | null
  input?: string
}): Promise<number> {
  const outbox = outboxClaim(options.db, options.now)
  const eventId = await options.db.sql.recordAccessEvent({
    at: options.now,
    userId: options.userId,
    kioskId: options.kioskId,
    doorId: options.doorId ?? null,
    result: options.reason === 'granted' ? 'granted' : 'denied',
    reason: options.reason,
    input: options.input === undefined ? null : options.input.slice(0, EVENT_INPUT_MAX_LENGTH),
    outbox,
  })
  if (outbox) kickDoorEvents(options.db)
  return eventId
}
