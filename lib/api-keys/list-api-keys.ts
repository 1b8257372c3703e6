import type { Db } from '@/lib/db/client'
import { apiKeyDtoSelect, type ApiKeyDto } from './api-key-dto'

/** Every key ever made, revoked ones included, oldest first (as kiosks and users are listed). */
export async function listApiKeys(options: { db: Db }): Promise<ApiKeyDto[]> {
  return options.db.apiKey.findMany({ select: apiKeyDtoSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
}
