// GET /api/admin/deliveries — the outbox: every e-mail and SMS sent or tried, newest first.
import { deliveryListQuerySchema } from '@/lib/admin/api-schemas'
import { db } from '@/lib/db'
import { listDeliveries } from '@/lib/delivery/list-deliveries'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { apiHandler } from '@/lib/http/handler'
import { parseQuery } from '@/lib/http/query'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const GET = apiHandler('app', async (request) => {
  await guardRequest({ db, request, now: new Date(), rateLimit: doorRateLimits.admin, allow: ['api', 'admin'] })
  const { cursor, limit } = parseQuery(request, deliveryListQuerySchema)
  return json(await listDeliveries({ db, cursor, limit }))
})
