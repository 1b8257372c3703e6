// GET /api/admin/events/stats — grants and denials per hour or day, empty buckets included.
import { accessStatsQuerySchema } from '@/lib/admin/api-schemas'
import { db, dbTarget } from '@/lib/db'
import { accessEventStats } from '@/lib/door/access-event-stats'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, query: accessStatsQuerySchema },
  async ({ input, now }) => {
    const { user, kiosk, bucket, from, to } = input.query
    return json(await accessEventStats({ db, dialect: dbTarget.dialect, now, bucket, from, to, userId: user, kioskId: kiosk }))
  },
)
