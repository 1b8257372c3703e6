// DELETE /api/admin/webhooks/{id} — remove an endpoint; nothing more is sent to it.
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { deleteWebhookEndpoint } from '@/lib/events/webhooks'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const DELETE = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') },
  async ({ input }) => json(await deleteWebhookEndpoint({ db, endpointId: input.params.id })),
)
