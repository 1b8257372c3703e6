import type { Db } from '@/lib/db/client'
import { resetDoorPass } from '@/lib/door/reset-door-pass'
import { ApiError } from '@/lib/http/errors'
import { toUserDto, userDtoSelect, type UserDto } from './user-dto'

export async function resetUserPass(options: { db: Db; userId: string }): Promise<UserDto> {
  if (!(await resetDoorPass(options))) throw new ApiError('not_found', 'No such user')
  const user = await options.db.user.findUniqueOrThrow({ where: { id: options.userId }, select: userDtoSelect })
  return toUserDto(user)
}
