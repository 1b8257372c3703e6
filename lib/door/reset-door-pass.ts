// A lost or shared phone: a new secret makes every code of the old one fail at once, and the
// running grant ends. lastTotpStep stays, so no step can be used twice across the reset either.
import type { Db } from '@/lib/db/client'
import { encryptTotpSecret, generateTotpSecret } from './totp-secret'

/** False when there is no such user. */
export async function resetDoorPass(options: { db: Db; userId: string }): Promise<boolean> {
  const { db, userId } = options
  const { count } = await db.user.updateMany({
    where: { id: userId },
    data: { totpSecretEnc: encryptTotpSecret({ secret: generateTotpSecret(), userId }), grantedAt: null },
  })
  return count === 1
}
