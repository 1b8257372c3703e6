import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import { doorDtoSelect, type DoorDto } from './door-dto'

/**
 * Deletes a door and its place in every group; its past access events keep their rows, without the
 * door. A door with paired kiosks is refused (409): they would stand at no door. Revoked kiosks do
 * not count (they scan nothing, and cannot be deleted), so they lose their door instead.
 */
export async function deleteDoor(options: { db: Db; doorId: string }): Promise<DoorDto> {
  const { db, doorId } = options
  const door = await db.door.findUnique({ where: { id: doorId }, select: doorDtoSelect })
  if (!door) throw new ApiError('not_found', 'No such door')
  // One conditional statement, so that a kiosk paired in between is not left without its door.
  const { count } = await db.door.deleteMany({ where: { id: doorId, kiosks: { none: { revokedAt: null } } } })
  if (count === 0) {
    const kiosks = await db.kiosk.count({ where: { doorId, revokedAt: null } })
    if (kiosks === 0) throw new ApiError('not_found', 'No such door')
    const them = kiosks === 1 ? '1 kiosk stands' : `${kiosks} kiosks stand`
    throw new ApiError('conflict', `${them} at this door: move or unpair ${kiosks === 1 ? 'it' : 'them'} first`)
  }
  return door
}
