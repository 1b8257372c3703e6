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
  const { count } = await db.door.updateMany({ where: { id: doorId }, data: patch })
  if (count === 0) throw new ApiError('not_found', 'No such door')
  return db.door.findUniqueOrThrow({ where: { id: doorId }, select: doorDtoSelect })
}
