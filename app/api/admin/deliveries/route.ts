// GET /api/admin/deliveries — the outbox: every e-mail and SMS sent or tried, newest first.
import { deliveryListQuerySchema } from '@/lib/admin/api-schemas'
import { db } from '@/lib/db'
import { listDeliveries } from '@/lib/delivery/list-deliveries'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, query: deliveryListQuerySchema },
  async ({ input }) => json(await listDeliveries({ db, cursor: input.query.cursor, limit: input.query.limit })),
)
