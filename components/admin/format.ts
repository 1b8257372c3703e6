// Dates in the admin console: in the viewer's locale and time zone, rendered only in the browser
// (the data is fetched there), so the server's locale never shows and hydration cannot disagree.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
const dateTimeShort = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

/** With seconds: the access log and the outbox, where the order of close events matters. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '—' : dateTime.format(date)
}

/** To the minute: when a kiosk or key was made or revoked. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '—' : dateTimeShort.format(date)
}

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })

/** A moment something started ("offline since …"): the time alone today, else the date and time. */
export function formatSince(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '—'
  return date.toDateString() === now.toDateString() ? timeOnly.format(date) : dateTimeShort.format(date)
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
]

/** "5 minutes ago", "yesterday"; "just now" under a minute. */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never'
  const difference = Date.parse(iso) - now
  for (const [unit, size] of units) {
    if (Math.abs(difference) >= size) return relative.format(Math.round(difference / size), unit)
  }
  return 'just now'
}
