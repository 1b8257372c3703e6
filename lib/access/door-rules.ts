// The door's part of a scan's decision (decision 0011), after the pass itself checked out: the
// door is not in lockdown, the holder is inside their validity window, a guest pass has uses left,
// and one of the holder's groups holds the door with a window covering `now` in the door's time
// zone. SQLite's grant runs this inside its transaction; PostgreSQL's grant statement says the same
// in SQL (lib/db/statements/postgres.ts), and the API tests hold both to the same answers.
import { scheduleAllows, type Schedule } from './schedule'

export type DoorRefusal = 'no_access' | 'outside_schedule' | 'not_yet_valid' | 'access_expired' | 'uses_exhausted' | 'lockdown'

export interface DoorRuleInput {
  now: Date
  /** Null when the door does not exist (any more). */
  door: { timeZone: string; lockdown: boolean } | null
  holder: { accessFrom: Date | null; accessUntil: Date | null; maxUses: number | null; uses: number }
  /** The schedules of the holder's groups that hold this door. */
  schedules: Schedule[]
}

/** Why the door refuses, in the order a person at the door would want to hear it; null: it opens. */
export function doorRefusal({ now, door, holder, schedules }: DoorRuleInput): DoorRefusal | null {
  if (!door) return 'no_access'
  if (door.lockdown) return 'lockdown'
  if (holder.accessFrom && holder.accessFrom > now) return 'not_yet_valid'
  if (holder.accessUntil && holder.accessUntil <= now) return 'access_expired'
  if (holder.maxUses !== null && holder.uses >= holder.maxUses) return 'uses_exhausted'
  if (schedules.length === 0) return 'no_access'
  if (!schedules.some((schedule) => scheduleAllows({ schedule, now, timeZone: door.timeZone }))) return 'outside_schedule'
  return null
}

const parsedSchedules = new Map<string, Schedule>()

/** A group's stored schedule (JSON), parsed once per distinct text: every scan at a door reads them. */
export function storedSchedule(json: string): Schedule {
  let schedule = parsedSchedules.get(json)
  if (!schedule) {
    schedule = JSON.parse(json) as Schedule
    if (parsedSchedules.size > 1000) parsedSchedules.clear()
    parsedSchedules.set(json, schedule)
  }
  return schedule
}
