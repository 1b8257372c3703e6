import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import { groupDtoSelect, toGroupDto, type GroupDto } from './group-dto'

/**
 * Deletes a group: its members lose what it gave them from the next scan on. Deleting "Everyone"
 * is allowed; new users then join no group unless the admin picks some (lib/access/defaults.ts).
 */
export async function deleteGroup(options: { db: Db; groupId: string }): Promise<GroupDto> {
  const { db, groupId } = options
  const group = await db.accessGroup.findUnique({ where: { id: groupId }, select: groupDtoSelect })
  if (!group) throw new ApiError('not_found', 'No such group')
  const { count } = await db.accessGroup.deleteMany({ where: { id: groupId } })
  if (count === 0) throw new ApiError('not_found', 'No such group')
  return toGroupDto(group)
}
