export interface KioskDto {
  id: string
  name: string
  createdAt: Date
  revokedAt: Date | null
  lastSeenAt: Date | null
}

export const kioskDtoSelect = { id: true, name: true, createdAt: true, revokedAt: true, lastSeenAt: true } as const
