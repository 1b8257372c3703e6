// Revokes an API key. Keys are checked against revokedAt on every request, so it stops working at
// once; the row stays, so the console can still show who had which key.
import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import { apiKeyDtoSelect, type ApiKeyDto } from './api-key-dto'

/** Revoking twice is not an error: the first revocation time is kept. */
export async function revokeApiKey(options: { db: Db; now: Date; apiKeyId: string }): Promise<ApiKeyDto> {
  const { db, now, apiKeyId } = options
  await db.apiKey.updateMany({ where: { id: apiKeyId, revokedAt: null }, data: { revokedAt: now } })
  const apiKey = await db.apiKey.findUnique({ where: { id: apiKeyId }, select: apiKeyDtoSelect })
  if (!apiKey) throw new ApiError('not_found', 'No such API key')
  return apiKey
}
