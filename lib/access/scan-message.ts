// What the kiosk screen says about a scan: the reason's words (lib/door/scan-messages.ts), and for
// the two refusals that have an end in sight, when: "Not allowed at this time — next from Mon 08:00",
// "Pass starts Fri 14:00", in the door's time zone. Read only after such a refusal, off the hot path.
import type { Db } from '@/lib/db/client'
import type { ScanReason } from '@/lib/door/access-event'
import { scanMessages } from '@/lib/door/scan-messages'
import { describeNext, localTime, nextAllowedAt, type Schedule } from './schedule'
import { storedSchedule } from './door-rules'

export async function scanMessage(o: {
  db: Db
  now: Date
  reason: ScanReason
  userId: string | null
  doorId: string | null
}): Promise<string> {
  const plain = scanMessages[o.reason]
  if (!o.userId || !o.doorId || (o.reason !== 'outside_schedule' && o.reason !== 'not_yet_valid')) return plain
  const door = await o.db.door.findUnique({ where: { id: o.doorId }, select: { timeZone: true } })
  if (!door) return plain
  if (o.reason === 'not_yet_valid') {
    const holder = await o.db.user.findUnique({ where: { id: o.userId }, select: { accessFrom: true } })
    if (!holder?.accessFrom) return plain
    const { weekday, minute } = localTime(holder.accessFrom, door.timeZone)
    const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
    return `Pass starts ${describeNext({ weekday, time })}`
  }
  const groups = await o.db.accessGroup.findMany({
    where: { members: { some: { userId: o.userId } }, doors: { some: { doorId: o.doorId } } },
    select: { schedule: true },
  })
  // All the holder's windows at this door as one schedule: its next opening is the earliest.
  const windows: Schedule = groups.flatMap((group) => storedSchedule(group.schedule))
  const next = nextAllowedAt({ schedule: windows, now: o.now, timeZone: door.timeZone })
  return next ? `${plain} — next from ${describeNext(next)}` : plain
}
