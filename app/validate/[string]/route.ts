// GET /validate/{string} — seed 000: a kiosk (or an API client) checks a scanned door pass. A right,
// unused code grants the door for DOOR_GRANT_SECONDS; every scan is recorded as an access event.
import { db } from '@/lib/db'
import { validateQuerySchema } from '@/lib/door/api-schemas'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { validateScan } from '@/lib/door/validate-scan'
import { ApiError } from '@/lib/http/errors'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route(
  // The scan parses the string itself: one that is no door pass is logged, then answered 400.
  {
    style: 'fastapi',
    allow: ['kiosk', 'api'],
    rateLimit: doorRateLimits.door,
    params: pathParams('string'),
    query: validateQuerySchema,
  },
  async ({ caller, input, now }) => {
    // A kiosk follows its own door's rules; an API client those of ?door=, or the pass's alone.
    const kioskId = caller.kind === 'kiosk' ? caller.kioskId : null
    const doorId = caller.kind === 'kiosk' ? caller.doorId : (input.query.door ?? null)
    const result = await validateScan({ db, now, input: input.params.string, kioskId, doorId })
    if (result.reason === 'malformed') {
      throw new ApiError('bad_request', 'Malformed QR string: expected <base32(user_id)>_<6-digit code>')
    }
    return json({ validation: result.granted })
  },
)
