import type { Db } from '@/lib/db/client'
import { outboxRow } from '@/lib/events/outbox'
import { kickDoorEvents } from '@/lib/events/runtime'
import { ApiError } from '@/lib/http/errors'
import { doorDtoSelect, type DoorDto } from './door-dto'

/** Only the fields given change. A new time zone or lockdown applies from the next scan on; a lockdown change is published. */
export async function updateDoor(options: {
  db: Db
  now: Date
  doorId: string
  patch: { name?: string; timeZone?: string; unlockSeconds?: number; lockdown?: boolean }
}): Promise<DoorDto> {
  const { db, doorId, patch, now } = options
  const door = await db.$transaction(async (tx) => {
    // A lockdown that changes is told to MQTT (retained state) in the same transaction: one
    // conditional UPDATE finds whether this request changed it.
    const lockdownChanged =
      patch.lockdown !== undefined &&
      (await tx.door.updateMany({ where: { id: doorId, lockdown: !patch.lockdown }, data: { lockdown: patch.lockdown } })).count === 1
    // The count cannot tell "no such door" from "nothing to change": the read after it does.
    await tx.door.updateMany({ where: { id: doorId }, data: patch })
    const updated = await tx.door.findUnique({ where: { id: doorId }, select: doorDtoSelect })
    if (updated && lockdownChanged) {
      await tx.outboxMessage.create({ data: outboxRow({ now, kind: 'door_state', doorId, payload: { lockdown: patch.lockdown } }) })
    }
    return updated
  })
  if (!door) throw new ApiError('not_found', 'No such door')
  kickDoorEvents(db)
  return door
}
