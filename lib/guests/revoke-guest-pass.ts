// Revokes a guest pass at once: the scan refuses a revoked pass's holder from the next scan on, and
// the guest's page stops showing a code. The rows stay, because access events point at the holder.
import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import { guestPassDtoSelect, toGuestPassDto, type GuestPassDto } from './guest-pass-dto'

/** Revoking twice is not an error: the first revocation time is kept. */
export async function revokeGuestPass(options: { db: Db; now: Date; guestPassId: string }): Promise<GuestPassDto> {
  const { db, now, guestPassId } = options
  await db.guestPass.updateMany({ where: { id: guestPassId, revokedAt: null }, data: { revokedAt: now } })
  const pass = await db.guestPass.findUnique({ where: { id: guestPassId }, select: guestPassDtoSelect })
  if (!pass) throw new ApiError('not_found', 'No such guest pass')
  return toGuestPassDto(pass, now)
}
