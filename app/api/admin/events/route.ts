// GET /api/admin/events — the access log: filters, newest first, keyset pages, `after=` for live refresh.
import { accessLogQuerySchema } from '@/lib/admin/api-schemas'
import { db } from '@/lib/db'
import { listAccessEvents } from '@/lib/door/list-access-events'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, query: accessLogQuerySchema },
  async ({ input }) => {
    const { user, kiosk, door, result, reason, from, to, cursor, limit, after } = input.query
    const filters = { userId: user, kioskId: kiosk, doorId: door, result, reason, from, to }
    return json(await listAccessEvents({ db, filters, limit, cursor, afterId: after }))
  },
)
