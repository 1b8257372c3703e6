// DELETE /api/admin/api-keys/{id} — revoke an API key: it is refused from the next request on.
import { revokeApiKey } from '@/lib/api-keys/revoke-api-key'
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const DELETE = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') },
  async ({ input, now }) => json(await revokeApiKey({ db, now, apiKeyId: input.params.id })),
)
