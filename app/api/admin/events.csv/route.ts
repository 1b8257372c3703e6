// GET /api/admin/events.csv — the access log as a CSV download, streamed, with the log's filters.
import { accessLogCsvQuerySchema } from '@/lib/admin/api-schemas'
import { db } from '@/lib/db'
import { accessLogCsvStream, accessLogFilename } from '@/lib/door/access-log-csv'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { apiHandler } from '@/lib/http/handler'
import { parseQuery } from '@/lib/http/query'

export const dynamic = 'force-dynamic'

export const GET = apiHandler('app', async (request) => {
  const now = new Date()
  await guardRequest({ db, request, now, rateLimit: doorRateLimits.admin, allow: ['api', 'admin'] })
  const { user, kiosk, result, reason, from, to } = parseQuery(request, accessLogCsvQuerySchema)
  const stream = accessLogCsvStream({
    db,
    filters: { userId: user, kioskId: kiosk, result, reason, from, to },
    onError: (error) => console.error('[qr-door] access log export broke off:', error),
  })
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${accessLogFilename(now)}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
})
