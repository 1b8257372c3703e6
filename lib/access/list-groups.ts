import type { Db } from '@/lib/db/client'
import { groupDtoSelect, toGroupDto, type GroupDto } from './group-dto'

/** Oldest first: "Everyone", made by the migration, leads. */
export async function listGroups(options: { db: Db }): Promise<GroupDto[]> {
  const groups = await options.db.accessGroup.findMany({
    select: groupDtoSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  return groups.map(toGroupDto)
}
