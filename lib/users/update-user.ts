import { assertGroupsExist } from '@/lib/access/groups'
import { assertWindowOrder } from '@/lib/access/validity-window'
import type { Db } from '@/lib/db/client'
import { isUniqueViolation } from '@/lib/db/errors'
import { ApiError } from '@/lib/http/errors'
import type { Role } from './contact'
import { assertContactFree, contactTaken } from './contact-conflict'
import { toUserDto, userDtoSelect, type UserDto } from './user-dto'

export interface UserPatch {
  name?: string
  email?: string | null
  phone?: string | null
  role?: Role
  disabled?: boolean
  /** Replaces the user's groups. */
  groupIds?: string[]
  /** null clears the bound: open-ended. */
  accessFrom?: Date | null
  accessUntil?: Date | null
}

/**
 * Changes a user. Disabling one also revokes their sessions, in the same transaction, so that
 * enabling them later does not bring old logins back; `groupIds` replaces the groups in it too, so
 * that a scan in between sees the old groups or the new ones, never none. `actorUserId` (an admin
 * editing through the console) may not disable or demote themselves: that could leave nobody to
 * undo it. The holder of a guest pass is no user here (404): the guest-pass API manages it.
 */
export async function updateUser(options: { db: Db; now: Date; userId: string; patch: UserPatch; actorUserId?: string }): Promise<UserDto> {
  const { db, now, userId } = options
  const { groupIds: givenGroupIds, ...patch } = options.patch
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, phone: true, role: true, accessFrom: true, accessUntil: true },
  })
  if (!user || user.role === 'guest') throw new ApiError('not_found', 'No such user')
  if (options.actorUserId === userId && (patch.disabled === true || patch.role === 'user')) {
    throw new ApiError('conflict', 'You cannot disable yourself or remove your own admin role')
  }
  const email = patch.email === undefined ? user.email : patch.email
  const phone = patch.phone === undefined ? user.phone : patch.phone
  if (!email && !phone) {
    throw new ApiError('bad_request', 'A user needs an e-mail address or a phone number to log in')
  }
  assertWindowOrder({
    from: patch.accessFrom === undefined ? user.accessFrom : patch.accessFrom,
    until: patch.accessUntil === undefined ? user.accessUntil : patch.accessUntil,
    fromField: 'accessFrom',
    untilField: 'accessUntil',
  })
  const groupIds = givenGroupIds && [...new Set(givenGroupIds)]
  if (groupIds) await assertGroupsExist({ db, groupIds })
  await assertContactFree({ db, email: patch.email, phone: patch.phone, exceptUserId: userId })
  try {
    return await db.$transaction(async (tx) => {
      if (patch.disabled === true) {
        await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } })
      }
      if (groupIds) {
        await tx.accessGroupMember.deleteMany({ where: { userId } })
        await tx.accessGroupMember.createMany({ data: groupIds.map((groupId) => ({ groupId, userId })) })
      }
      const updated = await tx.user.update({ where: { id: userId }, data: patch, select: userDtoSelect })
      return toUserDto(updated)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw contactTaken()
    throw error
  }
}
