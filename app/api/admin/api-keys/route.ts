// GET /api/admin/api-keys — every API key (never the key itself); POST — make one (shown once).
import { createApiKeyRequestSchema } from '@/lib/admin/api-schemas'
import { createApiKey } from '@/lib/api-keys/create-api-key'
import { listApiKeys } from '@/lib/api-keys/list-api-keys'
import { db } from '@/lib/db'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { parseJsonBody } from '@/lib/http/body'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

const allow = ['api', 'admin'] as const

export const GET = apiHandler('app', async (request) => {
  await guardRequest({ db, request, now: new Date(), rateLimit: doorRateLimits.admin, allow })
  return json({ apiKeys: await listApiKeys({ db }) })
})

export const POST = apiHandler('app', async (request) => {
  const now = new Date()
  await guardRequest({ db, request, now, rateLimit: doorRateLimits.admin, allow })
  const { name } = await parseJsonBody(request, createApiKeyRequestSchema)
  const { apiKey, key } = await createApiKey({ db, now, name })
  return json({ id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, key, createdAt: apiKey.createdAt }, 201)
})
