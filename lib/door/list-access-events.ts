// The access log for the admin console: newest first, filtered, paged by a keyset cursor on
// (at, id) so that pages stay stable while new scans arrive (the AccessEvent_at_id index).
import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import type { ScanReason } from './access-event'

export interface AccessEventDto {
  id: number
  at: Date
  result: 'granted' | 'denied'
  reason: ScanReason
  userId: string | null
  userName: string | null
  kioskId: string | null
  kioskName: string | null
  input: string | null
}

export interface AccessEventFilters {
  userId?: string
  kioskId?: string
  result?: 'granted' | 'denied'
  reason?: ScanReason
  /** Inclusive. */
  from?: Date
  /** Exclusive. */
  to?: Date
}

export const ACCESS_EVENTS_MAX_PAGE = 500

export async function listAccessEvents(options: {
  db: Db
  filters?: AccessEventFilters
  limit?: number
  /** `nextCursor` of the previous page. */
  cursor?: string
}): Promise<{ events: AccessEventDto[]; nextCursor: string | null }> {
  const filters = options.filters ?? {}
  const limit = Math.min(Math.max(options.limit ?? 50, 1), ACCESS_EVENTS_MAX_PAGE)
  const after = options.cursor ? decodeCursor(options.cursor) : null
  const rows = await options.db.accessEvent.findMany({
    where: {
      userId: filters.userId,
      kioskId: filters.kioskId,
      result: filters.result,
      reason: filters.reason,
      at: { gte: filters.from, lt: filters.to },
      ...(after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    include: { user: { select: { name: true } }, kiosk: { select: { name: true } } },
  })
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    events: page.map((row) => ({
      id: row.id,
      at: row.at,
      result: row.result as AccessEventDto['result'],
      reason: row.reason as ScanReason,
      userId: row.userId,
      userName: row.user?.name ?? null,
      kioskId: row.kioskId,
      kioskName: row.kiosk?.name ?? null,
      input: row.input,
    })),
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
  return { at: new Date(Number(match[1])), id: Number(match[2]) }
}
