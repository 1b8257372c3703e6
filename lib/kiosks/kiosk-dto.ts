export interface KioskDto {
  id: string
  name: string
  createdAt: Date
  revokedAt: Date | null
  lastSeenAt: Date | null
  /** The door it stands at. */
  doorId: string | null
  doorName: string | null
}

export const kioskDtoSelect = {
  id: true,
  name: true,
  createdAt: true,
  revokedAt: true,
  lastSeenAt: true,
  doorId: true,
  door: { select: { name: true } },
} as const

export function toKioskDto(kiosk: {
  id: string
  name: string
  createdAt: Date
  revokedAt: Date | null
  lastSeenAt: Date | null
  doorId: string | null
  door: { name: string } | null
}): KioskDto {
  const { door, ...rest } = kiosk
  return { ...rest, doorName: door?.name ?? null }
}
