export interface KioskDto {
  id: string
  name: string
  createdAt: Date
  revokedAt: Date | null
  lastSeenAt: Date | null
  /** The door it stands at. */
  doorId: string | null
  doorName: string | null
  /** A heartbeat within the last 90 s (lib/events/kiosk-presence.ts); a revoked kiosk is never online. */
  online: boolean
  /** When it went offline (its last heartbeat); null while online or never seen. */
  offlineSince: Date | null
}

export const kioskDtoSelect = {
  id: true,
  name: true,
  createdAt: true,
  revokedAt: true,
  lastSeenAt: true,
  online: true,
  doorId: true,
  door: { select: { name: true } },
} as const

export function toKioskDto(kiosk: {
  id: string
  name: string
  createdAt: Date
  revokedAt: Date | null
  lastSeenAt: Date | null
  online: boolean
  doorId: string | null
  door: { name: string } | null
}): KioskDto {
  const { door, ...rest } = kiosk
  const online = kiosk.online && kiosk.revokedAt === null
  return { ...rest, online, offlineSince: online ? null : kiosk.lastSeenAt, doorName: door?.name ?? null }
}
