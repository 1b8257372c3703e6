// GET /api/admin/api-keys — every API key (never the key itself); POST — make one (shown once).
import { createApiKeyRequestSchema } from '@/lib/admin/api-schemas'
import { createApiKey } from '@/lib/api-keys/create-api-key'
import { listApiKeys } from '@/lib/api-keys/list-api-keys'
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

const admins = { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin } as const

export const GET = route(admins, async () => json({ apiKeys: await listApiKeys({ db }) }))

export const POST = route({ ...admins, body: createApiKeyRequestSchema }, async ({ input, now }) => {
  const { apiKey, key } = await createApiKey({ db, now, name: input.body.name })
  return json({ id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, key, createdAt: apiKey.createdAt }, 201)
})
