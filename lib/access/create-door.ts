import { randomUUID } from 'node:crypto'
import type { Db } from '@/lib/db/client'
import { isUniqueViolation } from '@/lib/db/errors'
import { ApiError } from '@/lib/http/errors'
import { doorDtoSelect, type DoorDto } from './door-dto'

/**
 * A new door opens for nobody until a group holds it: joining "Everyone" on its own would open a
 * new door (a server room, say) to everyone before the admin has said who may. Input is normalised
 * (lib/access/api-schemas.ts).
 */
export async function createDoor(options: {
  db: Db
  now: Date
  input: { id?: string; name: string; timeZone: string; unlockSeconds: number; lockdown: boolean }
}): Promise<DoorDto> {
  const { db, now, input } = options
  try {
    return await db.door.create({
      data: { ...input, id: input.id ?? randomUUID(), createdAt: now },
      select: doorDtoSelect,
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError('conflict', `There is already a door with the id ${input.id}`)
    throw error
  }
}
