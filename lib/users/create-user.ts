import type { Db } from '@/lib/db/client'
import { encryptTotpSecret, generateTotpSecret } from '@/lib/door/totp-secret'
import type { Role } from './contact'
import { assertContactFree, contactTaken } from './contact-conflict'
import { isUniqueViolation } from './unique-violation'
import { toUserDto, userDtoSelect, type UserDto } from './user-dto'
import { newUserId } from './user-id'

/** Creates a user with a door pass. The input is already normalised (lib/door/api-schemas.ts). */
export async function createUser(options: {
  db: Db
  input: { name: string; email?: string; phone?: string; role?: Role }
}): Promise<UserDto> {
  const { db, input } = options
  await assertContactFree({ db, email: input.email, phone: input.phone })
  const id = newUserId()
  try {
    const user = await db.user.create({
      data: {
        id,
        name: input.name,
        email: input.email ?? null,
        phone: input.phone ?? null,
        role: input.role ?? 'user',
        totpSecretEnc: encryptTotpSecret({ secret: generateTotpSecret(), userId: id }),
      },
      select: userDtoSelect,
    })
    return toUserDto(user)
  } catch (error) {
    if (isUniqueViolation(error)) throw contactTaken()
    throw error
  }
}
