// The credential rows the statements read, turned into records the same way on both dialects; only
// how a driver hands back a DateTime and a Boolean column differs (readers).
import type { ApiKeyRecord, CredentialRecords, CredentialTable, KioskRecord, SessionRecord } from './types'

type Row = Record<string, unknown>

export interface ColumnReaders {
  time(value: unknown): Date
  flag(value: unknown): boolean
}

export type CredentialMappers = { [T in CredentialTable]: (row: Row | null | undefined) => CredentialRecords[T] | null }

export function credentialMappers({ time, flag }: ColumnReaders): CredentialMappers {
  const optionalTime = (value: unknown) => (value === null || value === undefined ? null : time(value))
  return {
    apiKey: (row): ApiKeyRecord | null =>
      row ? { id: row.id as string, revoked: row.revokedAt !== null, lastUsedAt: optionalTime(row.lastUsedAt) } : null,
    kiosk: (row): KioskRecord | null =>
      row
        ? {
            id: row.id as string,
            name: row.name as string,
            doorId: row.doorId as string | null,
            revoked: row.revokedAt !== null,
            lastSeenAt: optionalTime(row.lastSeenAt),
          }
        : null,
    session: (row): SessionRecord | null =>
      row
        ? {
            id: row.id as string,
            expiresAt: time(row.expiresAt),
            revoked: row.revokedAt !== null,
            user: { id: row.userId as string, name: row.name as string, role: row.role as string, disabled: flag(row.disabled) },
          }
        : null,
  }
}
