// The access log for the admin console: newest first, filtered, paged by a keyset cursor on
// (at, id) so that pages stay stable while new scans arrive (the AccessEvent_at_id index). No
// OFFSET and no COUNT(*): the cost of a page does not grow with the table or with how deep it is.
import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import type { AccessEventReason } from './access-event'
import { scanMessages } from './scan-messages'

export interface AccessEventDto {
  id: number
  at: Date
  result: 'granted' | 'denied'
  reason: AccessEventReason
  /** What the kiosk showed for this scan. */
  message: string
  userId: string | null
  userName: string | null
  kioskId: string | null
  kioskName: string | null
  /** The door whose rules decided the scan; null when an API client checked the pass alone. */
  doorId: string | null
  doorName: string | null
  input: string | null
}

export interface AccessEventFilters {
  userId?: string
  kioskId?: string
  doorId?: string
  result?: 'granted' | 'denied'
  reason?: AccessEventReason
  /** Inclusive. */
  from?: Date
  /** Exclusive. */
  to?: Date
}

export const ACCESS_EVENTS_MAX_PAGE = 500

/** AccessEvent.id is a 32-bit integer on PostgreSQL: a larger number in a query is a 500 there. */
export const ACCESS_EVENT_MAX_ID = 2_147_483_647

/**
 * How much earlier than an older event a newer one (higher id) may be stamped. A scan's `at` is the
 * start of its request and its row is written at the end, so parallel scans can commit out of
 * order by about one request's duration (SQLite waits at most 5 s for a lock). `after=` polling
 * searches this far below its anchor, which keeps that search an index range instead of a scan.
 */
export const AFTER_ID_SLACK_MS = 60_000

export async function listAccessEvents(options: {
  db: Db
  filters?: AccessEventFilters
  limit?: number
  /** `nextCursor` of the previous page. */
  cursor?: string
  /**
   * Only events written after this one (higher ids), for live refresh: the newest `limit` of them,
   * and a `nextCursor` (used together with the same `afterId`) when there are more.
   */
  afterId?: number
}): Promise<{ events: AccessEventDto[]; nextCursor: string | null }> {
  const { db } = options
  const filters = options.filters ?? {}
  const limit = Math.min(Math.max(options.limit ?? 50, 1), ACCESS_EVENTS_MAX_PAGE)
  const before = options.cursor ? decodeCursor(options.cursor) : null
  let from = filters.from
  const afterId = options.afterId === undefined ? undefined : Math.min(options.afterId, ACCESS_EVENT_MAX_ID)
  if (afterId !== undefined) {
    const anchor = await db.accessEvent.findFirst({
      where: { id: { lte: afterId } },
      orderBy: { id: 'desc' },
      select: { at: true },
    })
    const floor = anchor ? new Date(anchor.at.getTime() - AFTER_ID_SLACK_MS) : undefined
    if (floor && (!from || floor > from)) from = floor
  }
  // With a user, kiosk or door filter, their (userId, at) / (kioskId, at) / (doorId, at) index
  // should drive the query: one person's events are few, while all denials can be a large part of
  // the log. SQLite has no statistics to tell the two apart and picks (result, at) for `result = ?`;
  // `result <> other` means the same (result is granted or denied) and is not an index lookup, so it
  // is not picked.
  const byPerson = filters.userId !== undefined || filters.kioskId !== undefined || filters.doorId !== undefined
  const result = filters.result === undefined || !byPerson ? filters.result : { not: filters.result === 'granted' ? 'denied' : 'granted' }
  const rows = await db.accessEvent.findMany({
    where: {
      userId: filters.userId,
      kioskId: filters.kioskId,
      doorId: filters.doorId,
      result,
      reason: filters.reason,
      ...(afterId !== undefined ? { id: { gt: afterId } } : {}),
      // `lte` repeats the cursor's bound outside the OR so that both databases start the index
      // range at the cursor instead of walking down to it from the newest row.
      at: { gte: from, lt: filters.to, ...(before ? { lte: before.at } : {}) },
      ...(before ? { OR: [{ at: { lt: before.at } }, { at: before.at, id: { lt: before.id } }] } : {}),
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    include: { user: { select: { name: true } }, kiosk: { select: { name: true } }, door: { select: { name: true } } },
  })
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    events: page.map((row) => {
      const reason = row.reason as AccessEventReason
      return {
        id: row.id,
        at: row.at,
        result: row.result as AccessEventDto['result'],
        reason,
        message: scanMessages[reason] ?? reason,
        userId: row.userId,
        userName: row.user?.name ?? null,
        kioskId: row.kioskId,
        kioskName: row.kiosk?.name ?? null,
        doorId: row.doorId,
        doorName: row.door?.name ?? null,
        input: row.input,
      }
    }),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  }
}

function encodeCursor(event: { at: Date; id: number }): string {
  return Buffer.from(`${event.at.getTime()}:${event.id}`).toString('base64url')
}

/** A cursor comes back from clients: a mangled one is their error (400), not ours. */
function decodeCursor(cursor: string): { at: Date; id: number } {
  const match = /^(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!match) throw new ApiError('bad_request', 'Invalid cursor: pass nextCursor of the previous page')
  const id = Number(match[2])
  if (id > ACCESS_EVENT_MAX_ID) throw new ApiError('bad_request', 'Invalid cursor: pass nextCursor of the previous page')
  return { at: new Date(Number(match[1])), id }
}
