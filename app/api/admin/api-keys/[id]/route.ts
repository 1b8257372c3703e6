// DELETE /api/admin/api-keys/{id} — revoke an API key: it is refused from the next request on.
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key'
import { db } from '@/lib/db'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const DELETE = apiHandler<{ id: string }>('app', async (request, { params }) => {
  const now = new Date()
  await guardRequest({ db, request, now, rateLimit: doorRateLimits.admin, allow: ['api', 'admin'] })
  const { id } = await params
  return json(await revokeApiKey({ db, now, apiKeyId: id }))
})
