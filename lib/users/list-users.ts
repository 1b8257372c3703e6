import type { Db } from '@/lib/db/client'
import { toUserDto, userDtoSelect, type UserDto } from './user-dto'

export async function listUsers(options: { db: Db }): Promise<UserDto[]> {
  const users = await options.db.user.findMany({
    select: userDtoSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  return users.map(toUserDto)
}
