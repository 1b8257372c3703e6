// The schedule editor's state: the windows being edited (each with a key that stays while rows are
// added and removed, so React keeps each row's inputs), what they become in the API's terms, and the
// checks made before sending.
import type { ApiFailure } from '@/components/api-client'
import { WEEKDAYS, type Schedule, type Weekday } from '@/lib/access/schedule'

export interface WindowDraft {
  key: number
  days: Weekday[]
  from: string
  to: string
}

let lastKey = 0
const nextKey = () => ++lastKey

export function draftsOf(schedule: Schedule): WindowDraft[] {
  return schedule.map((window) => ({ key: nextKey(), days: [...window.days], from: window.from, to: window.to }))
}

/** What the API stores: days in week order. */
export function scheduleOf(drafts: readonly WindowDraft[]): Schedule {
  return drafts.map((draft) => ({ days: WEEKDAYS.filter((day) => draft.days.includes(day)), from: draft.from, to: draft.to }))
}

/** A new window starts as office hours, the most common one; the admin changes what differs. */
export function addWindow(drafts: readonly WindowDraft[]): WindowDraft[] {
  return [...drafts, { key: nextKey(), days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '17:00' }]
}

export function removeWindow(drafts: readonly WindowDraft[], key: number): WindowDraft[] {
  return drafts.filter((draft) => draft.key !== key)
}

export function updateWindow(drafts: readonly WindowDraft[], key: number, change: Partial<Omit<WindowDraft, 'key'>>): WindowDraft[] {
  return drafts.map((draft) => (draft.key === key ? { ...draft, ...change } : draft))
}

export function toggleDay(drafts: readonly WindowDraft[], key: number, day: Weekday, on: boolean): WindowDraft[] {
  return drafts.map((draft) =>
    draft.key === key
      ? { ...draft, days: on ? [...draft.days.filter((d) => d !== day), day] : draft.days.filter((d) => d !== day) }
      : draft,
  )
}

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/

/** What is wrong with one window, in words, or null. */
export function windowProblem(draft: WindowDraft): string | null {
  if (draft.days.length === 0) return 'Pick at least one day.'
  if (!TIME.test(draft.from)) return 'Enter the time it opens, e.g. 08:00.'
  if (!TIME.test(draft.to)) return 'Enter the time it closes, e.g. 17:00.'
  return null
}

/** The windows' problems as a failure shaped like the API's 400 (`schedule.<index>`), or null when all are fine. */
export function scheduleFailure(drafts: readonly WindowDraft[]): ApiFailure | null {
  const issues = drafts.flatMap((draft, index) => {
    const problem = windowProblem(draft)
    return problem ? [{ path: `schedule.${index}`, message: problem }] : []
  })
  if (issues.length === 0) return null
  const which = issues.map((issue) => Number(issue.path.split('.')[1]) + 1)
  const message =
    which.length === 1
      ? `Time window ${which[0]}: ${issues[0]!.message.charAt(0).toLowerCase()}${issues[0]!.message.slice(1)}`
      : `Time windows ${which.join(', ')} need a fix: each says what.`
  return { ok: false, status: 0, message, issues }
}

/** The messages of a failure (ours or the API's) by window index, for the rows. */
export function windowErrors(failure: ApiFailure | null): Record<number, string> {
  const errors: Record<number, string> = {}
  for (const issue of failure?.issues ?? []) {
    const [field, index] = issue.path.split('.')
    if (field === 'schedule' && index !== undefined && /^\d+$/.test(index)) errors[Number(index)] ??= issue.message
  }
  return errors
}
