import type { Db } from '@/lib/db/client'
import { toUserDto, userDtoSelect, type UserDto } from './user-dto'

/** People with an account: not the holders of guest passes, which the guest-pass API shows. */
export async function listUsers(options: { db: Db }): Promise<UserDto[]> {
  const users = await options.db.user.findMany({
    where: { role: { not: 'guest' } },
    select: userDtoSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  return users.map(toUserDto)
}
