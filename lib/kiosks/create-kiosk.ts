// Pairs a door tablet: its bearer token is shown once, here, and only its hash is kept.
import { randomUUID } from 'node:crypto'
import { generateToken, hashToken } from '@/lib/auth/tokens'
import { defaultDoorId } from '@/lib/access/defaults'
import { assertDoorExists } from '@/lib/access/doors'
import type { Db } from '@/lib/db/client'
import { kioskDtoSelect, toKioskDto, type KioskDto } from './kiosk-dto'

export interface CreatedKiosk {
  kiosk: KioskDto
  token: string
  /** Opened on the tablet, it stores the token there and starts scanning. */
  pairingUrl: string
}

export async function createKiosk(options: {
  db: Db
  now: Date
  name: string
  /** Left out: "Front door" (lib/access/defaults.ts). */
  doorId?: string
}): Promise<CreatedKiosk> {
  const { db } = options
  const doorId = options.doorId ?? (await defaultDoorId(db))
  if (options.doorId) await assertDoorExists({ db, doorId: options.doorId })
  const token = generateToken('kiosk')
  const kiosk = await db.kiosk.create({
    data: { id: randomUUID(), name: options.name, tokenHash: hashToken(token), createdAt: options.now, doorId },
    select: kioskDtoSelect,
  })
  return { kiosk: toKioskDto(kiosk), token, pairingUrl: `/kiosk?pair=${encodeURIComponent(token)}` }
}
