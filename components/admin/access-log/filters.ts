// The access log's filters live in the page URL (so a reload or a shared link shows the same
// scans) and are passed on to the admin API under the same names. Times travel as ISO instants:
// a link shared across time zones names the same moment; only the inputs show local time.

export type ScanResult = 'granted' | 'denied'
export type ChartBucket = 'hour' | 'day'

export interface LogFilters {
  user?: string
  kiosk?: string
  /** A door id: the scans decided by that door's rules. */
  door?: string
  result?: ScanResult
  /** ISO instant, inclusive. */
  from?: string
  /** ISO instant, exclusive. */
  to?: string
}

export interface LogView extends LogFilters {
  /** `nextCursor` of the page before: the page shows older scans and live refresh pauses. */
  cursor?: string
  /** The chart's bars; chosen from the range's length when absent. */
  bucket?: ChartBucket
}

type SearchParams = Record<string, string | string[] | undefined>

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value
  const trimmed = text?.trim()
  return trimmed ? trimmed.slice(0, 200) : undefined
}

function instant(value: string | undefined): string | undefined {
  if (!value) return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}

/** What the page's query string asks for; unknown or broken values are dropped, not fatal. */
export function parseLogView(params: SearchParams): LogView {
  const result = single(params.result)
  const bucket = single(params.bucket)
  const view: LogView = {
    user: single(params.user),
    kiosk: single(params.kiosk),
    door: single(params.door),
    result: result === 'granted' || result === 'denied' ? result : undefined,
    from: instant(single(params.from)),
    to: instant(single(params.to)),
    cursor: single(params.cursor),
    bucket: bucket === 'hour' || bucket === 'day' ? bucket : undefined,
  }
  return Object.fromEntries(Object.entries(view).filter(([, value]) => value !== undefined)) as LogView
}

/** The filters (only those) as query parameters, in a fixed order so that equal filters give equal strings. */
export function filterParams(filters: LogFilters): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of ['user', 'kiosk', 'door', 'result', 'from', 'to'] as const) {
    const value = filters[key]
    if (value) params.set(key, value)
  }
  return params
}

/** The page URL for a view of the log. */
export function logHref(view: LogView): string {
  const params = filterParams(view)
  if (view.bucket) params.set('bucket', view.bucket)
  if (view.cursor) params.set('cursor', view.cursor)
  const query = params.toString()
  return query ? `/admin?${query}` : '/admin'
}

export function hasFilters(filters: LogFilters): boolean {
  return filterParams(filters).size > 0
}

/** An ISO instant as the value of an `<input type="datetime-local">`, in the viewer's time zone. */
export function toDateTimeLocal(iso: string | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** A datetime-local value (the viewer's local time) as an ISO instant. */
export function fromDateTimeLocal(value: string): string | undefined {
  if (!value) return undefined
  // Without a zone, Date reads "YYYY-MM-DDTHH:mm" as local time, which is what the input means.
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** Whether a scan belongs in the filtered list: live refresh checks new scans with it. */
export function matchesFilters(
  event: { at: string; userId: string | null; kioskId: string | null; doorId?: string | null; result: string },
  filters: LogFilters,
): boolean {
  if (filters.user && event.userId !== filters.user) return false
  if (filters.kiosk && event.kioskId !== filters.kiosk) return false
  if (filters.door && event.doorId !== filters.door) return false
  if (filters.result && event.result !== filters.result) return false
  const at = Date.parse(event.at)
  if (filters.from && at < Date.parse(filters.from)) return false
  if (filters.to && at >= Date.parse(filters.to)) return false
  return true
}

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** Ranges up to this long get a bar per hour by default; longer ones a bar per day. */
const HOURLY_UP_TO_MS = 3 * DAY_MS
/** The stats API draws at most 31 days of hours and 366 of days. */
const MAX_HOURLY_MS = 31 * DAY_MS
const MAX_DAILY_MS = 366 * DAY_MS

/**
 * The chart's time range and bars: the filters' range, or else the last 24 hours by hour or the
 * last 30 days by day (up to `to`). A range too long for hourly bars gets daily ones; one longer
 * than the API draws shows its last 366 days.
 */
export function chartRange(view: LogView, now: Date): { from: Date; to: Date; bucket: ChartBucket } {
  let from = view.from ? new Date(view.from) : undefined
  const defaultLength = view.bucket === 'day' ? 30 * DAY_MS : DAY_MS
  // A range that starts in the future (nothing there yet) still draws empty bars after it.
  const to = view.to ? new Date(view.to) : from && from >= now ? new Date(from.getTime() + defaultLength) : now
  from ??= new Date(to.getTime() - defaultLength)
  const length = to.getTime() - from.getTime()
  let bucket = view.bucket ?? (length <= HOURLY_UP_TO_MS ? 'hour' : 'day')
  if (bucket === 'hour' && length > MAX_HOURLY_MS) bucket = 'day'
  if (length > MAX_DAILY_MS) from = new Date(to.getTime() - MAX_DAILY_MS)
  return { from, to, bucket }
}
