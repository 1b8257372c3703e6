// Times on the guest's page, in the guest's own locale and time zone (their phone's): how long until
// the pass starts ("2 h 05 min") and when ("Fri 14:00", or with the date when it is a week or more away).

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const pad = (n: number) => String(n).padStart(2, '0')

/** "3 days 4 h", "2 h 05 min", "4 min 05 s", "42 s"; never less than "1 s" while time is left. */
export function durationWords(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  if (seconds >= DAY / 1000) {
    const days = Math.floor(seconds / (DAY / 1000))
    const hours = Math.floor((seconds % (DAY / 1000)) / 3600)
    return `${days} ${days === 1 ? 'day' : 'days'}${hours ? ` ${hours} h` : ''}`
  }
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)} h ${pad(Math.floor((seconds % 3600) / 60))} min`
  if (seconds >= 60) return `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`
  return `${seconds} s`
}

const soon = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })
const later = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })

/** "Fri 14:00" within the coming six days; "Fri 24 Jul 14:00" (in the reader's locale) beyond, or in the past. */
export function whenWords(at: Date, now: Date): string {
  const ahead = at.getTime() - now.getTime()
  return ahead >= 0 && ahead < 6 * DAY ? soon.format(at) : later.format(at)
}
