import { assertDoorExists } from '@/lib/access/doors'
import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import { kioskDtoSelect, toKioskDto, type KioskDto } from './kiosk-dto'

/**
 * Renames a kiosk or moves it to another door, paired or revoked: past access events show the new
 * name too, while each keeps the door that decided it.
 */
export async function updateKiosk(options: { db: Db; kioskId: string; patch: { name?: string; doorId?: string } }): Promise<KioskDto> {
  const { db, kioskId, patch } = options
  if (patch.doorId !== undefined) await assertDoorExists({ db, doorId: patch.doorId })
  // The count cannot tell "no such kiosk" from "nothing to change": the read after it does.
  await db.kiosk.updateMany({ where: { id: kioskId }, data: patch })
  const kiosk = await db.kiosk.findUnique({ where: { id: kioskId }, select: kioskDtoSelect })
  if (!kiosk) throw new ApiError('not_found', 'No such kiosk')
  return toKioskDto(kiosk)
}
