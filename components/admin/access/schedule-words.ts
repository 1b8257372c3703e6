// A group's weekly schedule in words, as the console lists it: "Mon–Fri 08:00–13:00",
// "Sat, Sun 10:00–12:00", "Every day 22:00–06:00 (next day)", "Any time".
import { WEEKDAYS, type Schedule, type ScheduleWindow, type Weekday } from '@/lib/access/schedule'

const SHORT: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' }

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
}

export function shortDay(day: Weekday): string {
  return SHORT[day]
}

/** "Mon–Fri", "Mon, Wed, Fri", "Every day": runs of three days or more as a range, in week order. */
export function describeDays(days: readonly Weekday[]): string {
  const picked = WEEKDAYS.filter((day) => days.includes(day))
  if (picked.length === 7) return 'Every day'
  const parts: string[] = []
  let start = 0
  while (start < picked.length) {
    let end = start
    while (end + 1 < picked.length && WEEKDAYS.indexOf(picked[end + 1]!) === WEEKDAYS.indexOf(picked[end]!) + 1) end++
    if (end - start >= 2) parts.push(`${SHORT[picked[start]!]}–${SHORT[picked[end]!]}`)
    else for (let i = start; i <= end; i++) parts.push(SHORT[picked[i]!])
    start = end + 1
  }
  return parts.join(', ')
}

/** "08:00–13:00"; a window that ends before it starts runs into the next day; equal ends are 24 hours. */
export function describeHours(window: Pick<ScheduleWindow, 'from' | 'to'>): string {
  if (window.from === window.to) return window.from === '00:00' ? 'all day' : `${window.from} for 24 hours`
  return window.to < window.from ? `${window.from}–${window.to} (next day)` : `${window.from}–${window.to}`
}

export function describeWindow(window: ScheduleWindow): string {
  return `${describeDays(window.days)} ${describeHours(window)}`
}

/** Each window in words; an empty schedule is "Any time". */
export function describeSchedule(schedule: Schedule): string[] {
  return schedule.length === 0 ? ['Any time'] : schedule.map(describeWindow)
}
