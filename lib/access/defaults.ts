// What an install starts with (the doors-and-access migration makes both): a door for every kiosk
// that names none, and a group every new person joins unless told otherwise. Either may be deleted
// later; then new kiosks take the oldest door and new people join no group.
import type { Db } from '@/lib/db/client'

export const FRONT_DOOR_ID = 'front-door'
export const EVERYONE_GROUP_ID = 'everyone'

/** The groups a new user joins when the admin picks none: "Everyone", while it exists. */
export async function defaultGroupIds(db: Db): Promise<string[]> {
  const everyone = await db.accessGroup.findUnique({ where: { id: EVERYONE_GROUP_ID }, select: { id: true } })
  return everyone ? [everyone.id] : []
}

/** The door a new kiosk stands at when the admin names none: "Front door", else the oldest. */
export async function defaultDoorId(db: Db): Promise<string | null> {
  const door =
    (await db.door.findUnique({ where: { id: FRONT_DOOR_ID }, select: { id: true } })) ??
    (await db.door.findFirst({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } }))
  return door?.id ?? null
}

/** Prisma's nested write that puts a new user in `groupIds`. */
export function memberships(groupIds: readonly string[]) {
  return { create: groupIds.map((groupId) => ({ groupId })) }
}
