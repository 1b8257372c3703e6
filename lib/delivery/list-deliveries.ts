// Every e-mail and SMS the app tried to send, for the admin console's outbox: newest first, paged by
// a keyset cursor on (createdAt, id) over the Delivery_createdAt index, like the access log.
import type { Db } from '@/lib/db/client'
import { decodeCreatedAtCursor, encodeCreatedAtCursor, olderThan } from '@/lib/db/created-at-cursor'

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
  const before = options.cursor ? decodeCreatedAtCursor(options.cursor) : null
  const rows = await options.db.delivery.findMany({
    where: before ? olderThan(before) : {},
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
    nextCursor: rows.length > limit && last ? encodeCreatedAtCursor(last) : null,
  }
}
