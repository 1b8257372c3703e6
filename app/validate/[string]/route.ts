// GET /validate/{string} — seed 000: a kiosk (or an API client) checks a scanned door pass. A right,
// unused code grants the door for DOOR_GRANT_SECONDS; every scan is recorded as an access event.
import { db } from '@/lib/db'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { validateScan } from '@/lib/door/validate-scan'
import { ApiError } from '@/lib/http/errors'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const GET = apiHandler<{ string: string }>('fastapi', async (request, { params }) => {
  const now = new Date()
  const caller = await guardRequest({ db, request, now, rateLimit: doorRateLimits.door, allow: ['kiosk', 'api'] })
  const { string } = await params
  const result = await validateScan({
    db,
    now,
    input: string,
    kioskId: caller.kind === 'kiosk' ? caller.kioskId : null,
  })
  if (result.reason === 'malformed') {
    throw new ApiError('bad_request', 'Malformed QR string: expected <base32(user_id)>_<6-digit code>')
  }
  return json({ validation: result.granted })
})
