// GET /api/admin/events.csv — the access log as a CSV download, streamed, with the log's filters.
import { accessLogCsvQuerySchema } from '@/lib/admin/api-schemas'
import { db } from '@/lib/db'
import { accessLogCsvStream, accessLogFilename } from '@/lib/door/access-log-csv'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'

export const GET = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, query: accessLogCsvQuerySchema },
  ({ input, now }) => {
    const { user, kiosk, door, result, reason, from, to } = input.query
    const stream = accessLogCsvStream({
      db,
      filters: { userId: user, kioskId: kiosk, doorId: door, result, reason, from, to },
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
  },
)
