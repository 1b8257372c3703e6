import { randomUUID } from 'node:crypto'
import type { Db } from '@/lib/db/client'
import { isUniqueViolation } from '@/lib/db/errors'
import { assertDoorsExist } from './doors'
import { groupDtoSelect, toGroupDto, type GroupDto } from './group-dto'
import { groupNameTaken } from './group-name-taken'
import type { Schedule } from './schedule'

/** A new group with its doors, in one statement. Input is normalised (lib/access/api-schemas.ts). */
export async function createGroup(options: {
  db: Db
  now: Date
  input: { name: string; doorIds: string[]; schedule: Schedule }
}): Promise<GroupDto> {
  const { db, now, input } = options
  const doorIds = [...new Set(input.doorIds)]
  await assertDoorsExist({ db, doorIds })
  try {
    const group = await db.accessGroup.create({
      data: {
        id: randomUUID(),
        name: input.name,
        schedule: JSON.stringify(input.schedule),
        createdAt: now,
        doors: { create: doorIds.map((doorId) => ({ doorId })) },
      },
      select: groupDtoSelect,
    })
    return toGroupDto(group)
  } catch (error) {
    if (isUniqueViolation(error)) throw groupNameTaken(input.name)
    throw error
  }
}
