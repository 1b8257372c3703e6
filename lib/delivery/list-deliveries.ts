// Every e-mail and SMS the app tried to send, for the admin console's outbox: newest first, paged by
// a keyset cursor on (createdAt, id) over the Delivery_createdAt index, like the access log.
import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'

export interface DeliveryDto {
  id: string
  channel: 'email' | 'sms'
  recipient: string
  subject: string | null
  status: 'queued' | 'sent' | 'failed' | 'demo'
  providerId: string | null
  error: string | null
  /** Only kept in demo mode; left out of the answer otherwise. */
  body?: string
  createdAt: Date
}

export const DELIVERIES_MAX_PAGE = 200

export async function listDeliveries(options: {
  db: Db
  limit?: number
  cursor?: string
}): Promise<{ deliveries: DeliveryDto[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), DELIVERIES_MAX_PAGE)
  const before = options.cursor ? decodeCursor(options.cursor) : null
  const rows = await options.db.delivery.findMany({
    where: before
      ? {
          createdAt: { lte: before.createdAt },
          OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }],
        }
      : {},
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
  })
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    deliveries: page.map((row) => ({
      id: row.id,
      channel: row.channel as DeliveryDto['channel'],
      recipient: row.recipient,
      subject: row.subject,
      status: row.status as DeliveryDto['status'],
      providerId: row.providerId,
      error: row.error,
      ...(row.body !== null ? { body: row.body } : {}),
      createdAt: row.createdAt,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  }
}

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.getTime()}:${row.id}`).toString('base64url')
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^(\d{1,15}):(.{1,100})$/s.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!match) throw new ApiError('bad_request', 'Invalid cursor: pass nextCursor of the previous page')
  return { createdAt: new Date(Number(match[1])), id: match[2]! }
}
