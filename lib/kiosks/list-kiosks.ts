import type { Db } from '@/lib/db/client'
import { kioskDtoSelect, type KioskDto } from './kiosk-dto'

export async function listKiosks(options: { db: Db }): Promise<KioskDto[]> {
  return options.db.kiosk.findMany({ select: kioskDtoSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
}
