import type { Db } from '@/lib/db/client'
import { kioskDtoSelect, toKioskDto, type KioskDto } from './kiosk-dto'

export async function listKiosks(options: { db: Db }): Promise<KioskDto[]> {
  const kiosks = await options.db.kiosk.findMany({ select: kioskDtoSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
  return kiosks.map(toKioskDto)
}
