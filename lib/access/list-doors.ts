import type { Db } from '@/lib/db/client'
import { doorDtoSelect, type DoorDto } from './door-dto'

/** Oldest first: "Front door", made by the migration, leads. */
export async function listDoors(options: { db: Db }): Promise<DoorDto[]> {
  return options.db.door.findMany({ select: doorDtoSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
}
