// GET /api/admin/events/stats — grants and denials per hour or day, empty buckets included.
import { accessStatsQuerySchema } from '@/lib/admin/api-schemas'
import { db, dbTarget } from '@/lib/db'
import { accessEventStats } from '@/lib/door/access-event-stats'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { apiHandler } from '@/lib/http/handler'
import { parseQuery } from '@/lib/http/query'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const GET = apiHandler('app', async (request) => {
  const now = new Date()
  await guardRequest({ db, request, now, rateLimit: doorRateLimits.admin, allow: ['api', 'admin'] })
  const { user, kiosk, bucket, from, to } = parseQuery(request, accessStatsQuerySchema)
  return json(
    await accessEventStats({ db, dialect: dbTarget.dialect, now, bucket, from, to, userId: user, kioskId: kiosk }),
  )
})
