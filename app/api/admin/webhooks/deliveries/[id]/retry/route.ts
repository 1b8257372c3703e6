// POST /api/admin/webhooks/deliveries/{id}/retry — "Send again": the delivery is tried now, while
// the admin waits, and the answer says how it went (a failed try is retried on the schedule while
// tries are left; one that had used them all is failed again).
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { sendWebhookAgain } from '@/lib/events/webhooks'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const POST = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') },
  async ({ input, now }) => json(await sendWebhookAgain({ db, now, deliveryId: input.params.id })),
)
