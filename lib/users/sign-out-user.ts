import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'

/**
 * Ends every live session of a user (a lost phone, a shared computer): their next request needs a
 * new sign-in. The door pass is unchanged (reset-pass does that). `revoked` counts only sessions
 * that could still be used, so an admin reads it as "signed out of n browsers".
 */
export async function signOutUser(options: { db: Db; now: Date; userId: string }): Promise<{ revoked: number }> {
  const { db, now, userId } = options
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } })
  if (!user) throw new ApiError('not_found', 'No such user')
  const { count } = await db.session.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  })
  return { revoked: count }
}
