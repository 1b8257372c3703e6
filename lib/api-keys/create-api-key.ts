// Makes an API key: the key is shown once, here; only its hash and a short prefix are kept.
import { randomUUID } from 'node:crypto'
import { generateToken, hashToken } from '@/lib/auth/tokens'
import type { Db } from '@/lib/db/client'
import { apiKeyDtoSelect, type ApiKeyDto } from './api-key-dto'

/** `qrd_key_` and four random characters: enough to tell keys apart in a list, useless to guess with. */
export const API_KEY_PREFIX_LENGTH = 12

export async function createApiKey(options: { db: Db; now: Date; name: string }): Promise<{ apiKey: ApiKeyDto; key: string }> {
  const key = generateToken('key')
  const apiKey = await options.db.apiKey.create({
    data: {
      id: randomUUID(),
      name: options.name,
      prefix: key.slice(0, API_KEY_PREFIX_LENGTH),
      keyHash: hashToken(key),
      createdAt: options.now,
    },
    select: apiKeyDtoSelect,
  })
  return { apiKey, key }
}
