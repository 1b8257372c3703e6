// The weekly schedule of an access group: when its doors may open. Windows are read on the door's
// wall clock in its IANA time zone, because that is how an admin thinks ("Mon–Fri 08:00–18:00 in
// Berlin") and it keeps meaning that across daylight saving. So on a spring-forward day a window
// inside the skipped hour never opens, and on a fall-back day a window inside the repeated hour is
// open during both occurrences of it.
import { z } from 'zod'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** Enough for any sensible week; the bound keeps a stored group and the check on each scan small. */
export const SCHEDULE_MAX_WINDOWS = 50

const MINUTES_PER_DAY = 24 * 60
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

// Messages name the field in plain words: the admin API answers 400 with them as they are.
const timeSchema = (field: 'from' | 'to') => {
  const message = `${field} must be a time HH:MM, e.g. 08:00`
  return z.string({ error: message }).regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, message)
}

const weekdaySchema = z.enum(WEEKDAYS, { error: `days must be weekdays from ${WEEKDAYS.join(', ')}` })

export const scheduleWindowSchema = z
  .object(
    {
      days: z
        .array(weekdaySchema, { error: 'days must be a list of weekdays, e.g. ["mon", "tue"]' })
        .min(1, 'days must name at least one weekday')
        .refine((days) => new Set(days).size === days.length, 'days must not name a weekday twice'),
      from: timeSchema('from').describe('Local start time, inclusive'),
      to: timeSchema('to').describe('Local end time, exclusive; before `from` it is on the next day, equal to `from` is 24 hours'),
    },
    { error: 'each schedule window must be an object {days, from, to}' },
  )
  .describe('A weekly window read on the door’s wall clock in its time zone')

export const scheduleSchema = z
  .array(scheduleWindowSchema, { error: 'schedule must be a list of windows {days, from, to}' })
  .max(SCHEDULE_MAX_WINDOWS, `schedule must have at most ${SCHEDULE_MAX_WINDOWS} windows`)
  .describe('Windows in which the doors may open; an empty schedule means any time')

export type ScheduleWindow = z.infer<typeof scheduleWindowSchema>
export type Schedule = z.infer<typeof scheduleSchema>

export function isValidTimeZone(zone: string): boolean {
  // Intl.supportedValuesOf('timeZone') lists canonical names only, not aliases such as "UTC", so ask
  // the formatter itself, which throws a RangeError for a zone it does not know.
  if (zone === '') return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

// Building a DateTimeFormat costs far more than using one, and every scan at a door reads its clock.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    // h23, not hour12: false, which some engines render as "24" at midnight.
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

const WEEKDAY_BY_SHORT_NAME: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
}

/**
 * The wall-clock weekday and minute of the day (0–1439) at `now` in `timeZone`. Seconds are dropped.
 * Throws a RangeError for an unknown zone: zones are checked with isValidTimeZone when they are saved.
 */
export function localTime(now: Date, timeZone: string): { weekday: Weekday; minute: number } {
  let weekday: Weekday | undefined
  let hour = 0
  let minute = 0
  for (const part of formatterFor(timeZone).formatToParts(now)) {
    if (part.type === 'weekday') weekday = WEEKDAY_BY_SHORT_NAME[part.value]
    else if (part.type === 'hour') hour = Number(part.value)
    else if (part.type === 'minute') minute = Number(part.value)
  }
  if (!weekday) throw new Error(`Intl gave no known weekday for ${now.toISOString()} in ${timeZone}`)
  return { weekday, minute: hour * 60 + minute }
}

function minuteOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
}

function previousDay(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!
}

function windowCovers(window: ScheduleWindow, weekday: Weekday, minute: number): boolean {
  const from = minuteOfDay(window.from)
  const to = minuteOfDay(window.to)
  if (from < to) return window.days.includes(weekday) && from <= minute && minute < to
  // Overnight (to < from) or a whole 24 hours (to === from): the window began on a listed day and
  // runs into the next one until `to`.
  return (window.days.includes(weekday) && minute >= from) || (window.days.includes(previousDay(weekday)) && minute < to)
}

export type ScheduleOptions = { schedule: Schedule; now: Date; timeZone: string }

/** Whether the schedule lets a door in `timeZone` open at `now`. An empty schedule means any time. */
export function scheduleAllows({ schedule, now, timeZone }: ScheduleOptions): boolean {
  if (schedule.length === 0) return true
  const { weekday, minute } = localTime(now, timeZone)
  return schedule.some((window) => windowCovers(window, weekday, minute))
}

export type NextOpening = { weekday: Weekday; time: string }

/**
 * When a schedule that is closed at `now` next opens: the earliest window start after `now`, as a
 * local weekday and time, for the kiosk's "next from Mon 08:00". Null when it is open now (an empty
 * schedule always is), or would never open (windows without days, which the schema refuses).
 * Counted on the local calendar, not in instants: the answer is a wall-clock time, the one the admin
 * wrote. The price is at the daylight-saving changes: a start inside a skipped hour is reported as
 * written (the door opens when the clock jumps past it), and after the first pass through a repeated
 * hour, a start inside it counts as a week away, not an hour.
 */
export function nextAllowedAt({ schedule, now, timeZone }: ScheduleOptions): NextOpening | null {
  if (schedule.length === 0) return null
  const { weekday, minute } = localTime(now, timeZone)
  if (schedule.some((window) => windowCovers(window, weekday, minute))) return null
  const today = WEEKDAYS.indexOf(weekday)
  let best: { wait: number; weekday: Weekday; time: string } | undefined
  for (const window of schedule) {
    for (const day of window.days) {
      const days = (WEEKDAYS.indexOf(day) - today + 7) % 7
      let wait = days * MINUTES_PER_DAY + minuteOfDay(window.from) - minute
      // A start earlier today (or now, which cannot be: the schedule is closed) comes again next week.
      if (wait <= 0) wait += MINUTES_PER_WEEK
      if (!best || wait < best.wait) best = { wait, weekday: day, time: window.from }
    }
  }
  return best ? { weekday: best.weekday, time: best.time } : null
}

/** "Mon 08:00", as the kiosk shows it. */
export function describeNext(next: NextOpening): string {
  return `${next.weekday[0]!.toUpperCase()}${next.weekday.slice(1)} ${next.time}`
}
