import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import { doorDtoSelect, type DoorDto } from './door-dto'

/** Only the fields given change. A new time zone or lockdown applies from the next scan on. */
export async function updateDoor(options: {
  db: Db
  doorId: string
  patch: { name?: string; timeZone?: string; unlockSeconds?: number; lockdown?: boolean }
}): Promise<DoorDto> {
  const { db, doorId, patch } = options
  // The count cannot tell "no such door" from "nothing to change": the read after it does.
  await db.door.updateMany({ where: { id: doorId }, data: patch })
  const door = await db.door.findUnique({ where: { id: doorId }, select: doorDtoSelect })
  if (!door) throw new ApiError('not_found', 'No such door')
  return door
}
