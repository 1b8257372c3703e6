// Doors: each kiosk stands at one; its groups' schedules are read in its time zone (decision 0011).
import type { Db } from '@/lib/db/client'
import { fieldError } from './field-error'

/** 400 naming the door id when it does not exist. */
export async function assertDoorExists(options: { db: Db; doorId: string }) {
  await assertDoorsExist({ db: options.db, doorIds: [options.doorId], field: 'doorId' })
}

/** 400 naming the first door id that does not exist, under `field` (`doorIds` for a group). */
export async function assertDoorsExist(options: { db: Db; doorIds: readonly string[]; field?: string }) {
  const ids = [...new Set(options.doorIds)]
  if (ids.length === 0) return
  const found = await options.db.door.findMany({ where: { id: { in: ids } }, select: { id: true } })
  const known = new Set(found.map((door) => door.id))
  const missing = ids.find((id) => !known.has(id))
  if (missing) throw fieldError(options.field ?? 'doorIds', `no door ${missing}`)
}
