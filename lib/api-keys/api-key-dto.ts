/** What the admin API shows of an API key: never the key or its hash. */
export interface ApiKeyDto {
  id: string
  name: string
  prefix: string
  createdAt: Date
  revokedAt: Date | null
  lastUsedAt: Date | null
}

export const apiKeyDtoSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const
