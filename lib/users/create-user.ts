import { assertGroupsExist } from '@/lib/access/groups'
import { defaultGroupIds, memberships } from '@/lib/access/defaults'
import { assertWindowOrder } from '@/lib/access/validity-window'
import type { Db } from '@/lib/db/client'
import { isUniqueViolation } from '@/lib/db/errors'
import { assignPassNumber } from '@/lib/door/assign-pass-number'
import { encryptTotpSecret, generateTotpSecret } from '@/lib/door/totp-secret'
import type { Role } from './contact'
import { assertContactFree, contactTaken } from './contact-conflict'
import { toUserDto, userDtoSelect, type UserDto } from './user-dto'
import { newUserId } from './user-id'

/** Creates a user with a door pass. The input is already normalised (lib/door/api-schemas.ts). */
export async function createUser(options: {
  db: Db
  input: {
    name: string
    email?: string
    phone?: string
    role?: Role
    /** Left out: "Everyone" (lib/access/defaults.ts). */
    groupIds?: string[]
    accessFrom?: Date | null
    accessUntil?: Date | null
  }
}): Promise<UserDto> {
  const { db, input } = options
  assertWindowOrder({ from: input.accessFrom, until: input.accessUntil, fromField: 'accessFrom', untilField: 'accessUntil' })
  await assertContactFree({ db, email: input.email, phone: input.phone })
  const groupIds = input.groupIds ? [...new Set(input.groupIds)] : await defaultGroupIds(db)
  await assertGroupsExist({ db, groupIds })
  const id = newUserId()
  let user
  try {
    user = await db.user.create({
      data: {
        id,
        name: input.name,
        email: input.email ?? null,
        phone: input.phone ?? null,
        role: input.role ?? 'user',
        totpSecretEnc: encryptTotpSecret({ secret: generateTotpSecret(), userId: id }),
        accessFrom: input.accessFrom ?? null,
        accessUntil: input.accessUntil ?? null,
        groups: memberships(groupIds),
      },
      select: userDtoSelect,
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw contactTaken()
    throw error
  }
  await assignPassNumber({ db, userId: id })
  return toUserDto(user)
}
