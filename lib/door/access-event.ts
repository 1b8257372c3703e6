import type { Db } from '@/lib/db/client'

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

/** Enough of what a scanner read to investigate a bad scan, not enough to fill the table. */
export const EVENT_INPUT_MAX_LENGTH = 200

/** Records one scan (a prepared statement, db.sql: every scan writes one). */
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
  return options.db.sql.recordAccessEvent({
    at: options.now,
    userId: options.userId,
    kioskId: options.kioskId,
    doorId: options.doorId ?? null,
    result: options.reason === 'granted' ? 'granted' : 'denied',
    reason: options.reason,
    input: options.input === undefined ? null : options.input.slice(0, EVENT_INPUT_MAX_LENGTH),
  })
}
