// Unpairs a tablet. Its token is checked against revokedAt on every request, so it stops working
// at once; the row stays, because access events point at it.
import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import { kioskDtoSelect, toKioskDto, type KioskDto } from './kiosk-dto'

/** Revoking twice is not an error: the first revocation time is kept. */
export async function revokeKiosk(options: { db: Db; now: Date; kioskId: string }): Promise<KioskDto> {
  const { db, now, kioskId } = options
  await db.kiosk.updateMany({ where: { id: kioskId, revokedAt: null }, data: { revokedAt: now } })
  const kiosk = await db.kiosk.findUnique({ where: { id: kioskId }, select: kioskDtoSelect })
  if (!kiosk) throw new ApiError('not_found', 'No such kiosk')
  return toKioskDto(kiosk)
}
