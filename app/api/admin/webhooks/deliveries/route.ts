// GET /api/admin/webhooks/deliveries — the delivery log, newest first, by endpoint and status.
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { webhookDeliveryListQuerySchema } from '@/lib/events/api-schemas'
import { listWebhookDeliveries } from '@/lib/events/webhooks'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, query: webhookDeliveryListQuerySchema },
  async ({ input }) => {
    const { endpoint, ...rest } = input.query
    return json(await listWebhookDeliveries({ db, endpointId: endpoint, ...rest }))
  },
)
