// Pairs a door tablet: its bearer token is shown once, here, and only its hash is kept.
import { randomUUID } from 'node:crypto'
import { generateToken, hashToken } from '@/lib/auth/tokens'
import type { Db } from '@/lib/db/client'
import { kioskDtoSelect, type KioskDto } from './kiosk-dto'

export interface CreatedKiosk {
  kiosk: KioskDto
  token: string
  /** Opened on the tablet, it stores the token there and starts scanning. */
  pairingUrl: string
}

export async function createKiosk(options: { db: Db; now: Date; name: string }): Promise<CreatedKiosk> {
  const token = generateToken('kiosk')
  const kiosk = await options.db.kiosk.create({
    data: { id: randomUUID(), name: options.name, tokenHash: hashToken(token), createdAt: options.now },
    select: kioskDtoSelect,
  })
  return { kiosk, token, pairingUrl: `/kiosk?pair=${encodeURIComponent(token)}` }
}
