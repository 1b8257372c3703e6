import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import { kioskDtoSelect, type KioskDto } from './kiosk-dto'

/** Renames a kiosk, paired or revoked: past access events show the new name too. */
export async function renameKiosk(options: { db: Db; kioskId: string; name: string }): Promise<KioskDto> {
  const { count } = await options.db.kiosk.updateMany({ where: { id: options.kioskId }, data: { name: options.name } })
  if (count === 0) throw new ApiError('not_found', 'No such kiosk')
  return options.db.kiosk.findUniqueOrThrow({ where: { id: options.kioskId }, select: kioskDtoSelect })
}
