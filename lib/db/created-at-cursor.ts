// A keyset cursor over (createdAt, id), newest first: the e-mail/SMS outbox and the webhook deliveries
// logs page with it, so new rows arriving do not shift the pages. Opaque to clients (base64url).
import { ApiError } from '@/lib/http/errors'

export function encodeCreatedAtCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.getTime()}:${row.id}`).toString('base64url')
}

export function decodeCreatedAtCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^(\d{1,15}):(.{1,100})$/s.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!match) throw new ApiError('bad_request', 'Invalid cursor: pass nextCursor of the previous page')
  return { createdAt: new Date(Number(match[1])), id: match[2]! }
}

/** The rows after `before` in (createdAt desc, id desc) order; `createdAt <= …` lets the index bound the scan. */
export function olderThan(before: { createdAt: Date; id: string }) {
  return {
    createdAt: { lte: before.createdAt },
    OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }],
  }
}
