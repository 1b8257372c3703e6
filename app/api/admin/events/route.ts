// GET /api/admin/events — the access log: filters, newest first, keyset pages, `after=` for live refresh.
import { accessLogQuerySchema } from '@/lib/admin/api-schemas'
import { db } from '@/lib/db'
import { guardRequest } from '@/lib/http/guard'
import { listAccessEvents } from '@/lib/door/list-access-events'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { apiHandler } from '@/lib/http/handler'
import { parseQuery } from '@/lib/http/query'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const GET = apiHandler('app', async (request) => {
  await guardRequest({ db, request, now: new Date(), rateLimit: doorRateLimits.admin, allow: ['api', 'admin'] })
  const { user, kiosk, result, reason, from, to, cursor, limit, after } = parseQuery(request, accessLogQuerySchema)
  const filters = { userId: user, kioskId: kiosk, result, reason, from, to }
  return json(await listAccessEvents({ db, filters, limit, cursor, afterId: after }))
})
