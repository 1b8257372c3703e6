import type { Db } from '@/lib/db/client'
import { isUniqueViolation } from '@/lib/db/errors'
import { ApiError } from '@/lib/http/errors'
import { assertDoorsExist } from './doors'
import { groupDtoSelect, toGroupDto, type GroupDto } from './group-dto'
import { groupNameTaken } from './group-name-taken'
import type { Schedule } from './schedule'

/**
 * Only the fields given change; `doorIds` replaces the group's doors. One transaction: a scan in
 * between sees the old doors or the new ones, never none.
 */
export async function updateGroup(options: {
  db: Db
  groupId: string
  patch: { name?: string; doorIds?: string[]; schedule?: Schedule }
}): Promise<GroupDto> {
  const { db, groupId, patch } = options
  const doorIds = patch.doorIds && [...new Set(patch.doorIds)]
  if (doorIds) await assertDoorsExist({ db, doorIds })
  try {
    return await db.$transaction(async (tx) => {
      const group = await tx.accessGroup.findUnique({ where: { id: groupId }, select: { id: true } })
      if (!group) throw new ApiError('not_found', 'No such group')
      await tx.accessGroup.updateMany({
        where: { id: groupId },
        data: { name: patch.name, schedule: patch.schedule && JSON.stringify(patch.schedule) },
      })
      if (doorIds) {
        await tx.accessGroupDoor.deleteMany({ where: { groupId } })
        await tx.accessGroupDoor.createMany({ data: doorIds.map((doorId) => ({ groupId, doorId })) })
      }
      return toGroupDto(await tx.accessGroup.findUniqueOrThrow({ where: { id: groupId }, select: groupDtoSelect }))
    })
  } catch (error) {
    if (isUniqueViolation(error) && patch.name !== undefined) throw groupNameTaken(patch.name)
    throw error
  }
}
