// The access log as CSV (RFC 4180), streamed: one keyset page at a time is read, written and let
// go, so an export of a million events holds one batch in memory, not the log.
import type { Db } from '@/lib/db/client'
import { listAccessEvents, type AccessEventDto, type AccessEventFilters } from './list-access-events'

/** The door's columns come last, so that scripts reading the older file by position still work. */
export const ACCESS_LOG_CSV_HEADER = ['time', 'person', 'user_id', 'kiosk', 'kiosk_id', 'result', 'reason', 'door', 'door_id'] as const

/**
 * One CSV field. Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return,
 * which some strip first) as a formula, and names and user ids are typed by people: such cells get
 * a leading apostrophe (OWASP's advice), which spreadsheets show as text.
 */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? ''
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: readonly (string | null | undefined)[]): string {
  return values.map(csvCell).join(',') + '\r\n'
}

function eventLine(event: AccessEventDto): string {
  return csvLine([
    event.at.toISOString(),
    event.userName,
    event.userId,
    event.kioskName,
    event.kioskId,
    event.result,
    event.reason,
    event.doorName,
    event.doorId,
  ])
}

export function accessLogFilename(now: Date): string {
  return `access-log-${now.toISOString().slice(0, 10)}.csv`
}

/**
 * The header, then every matching event newest first. The database is read on demand (`pull`), so
 * a slow client slows the export down instead of making it buffer.
 */
export function accessLogCsvStream(options: {
  db: Db
  filters: AccessEventFilters
  /** Events read per query. */
  batchSize?: number
  onError?: (error: unknown) => void
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let cursor: string | undefined
  let headerSent = false
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true
          controller.enqueue(encoder.encode(csvLine(ACCESS_LOG_CSV_HEADER)))
          return
        }
        try {
          const page = await listAccessEvents({ db: options.db, filters: options.filters, limit: options.batchSize ?? 500, cursor })
          if (page.events.length > 0) controller.enqueue(encoder.encode(page.events.map(eventLine).join('')))
          if (page.nextCursor) cursor = page.nextCursor
          else controller.close()
        } catch (error) {
          // The 200 and the header are already sent: breaking the stream is the only way left to say
          // the file is incomplete, rather than ending it as if it were whole.
          options.onError?.(error)
          controller.error(error)
        }
      },
    },
    { highWaterMark: 0 },
  )
}
