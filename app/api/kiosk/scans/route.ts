// POST /api/kiosk/scans — a paired kiosk checks a scanned pass; like GET /validate/{string}, but
// the answer names the person and the reason, for the kiosk's screen.
import { scanMessage } from '@/lib/access/scan-message'
import { db } from '@/lib/db'
import { kioskScanRequestSchema } from '@/lib/door/pass-schemas'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { validateScan } from '@/lib/door/validate-scan'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const POST = route(
  { style: 'app', allow: ['kiosk'], rateLimit: doorRateLimits.door, body: kioskScanRequestSchema, invalidBody: 'bad_request' },
  async ({ caller, input, now }) => {
    const scan = await validateScan({ db, now, input: input.body.input.trim(), kioskId: caller.kioskId, doorId: caller.doorId })
    return json({
      granted: scan.granted,
      reason: scan.reason,
      message: await scanMessage({ db, now, reason: scan.reason, userId: scan.userId, doorId: caller.doorId }),
      userName: scan.userName,
      grantedUntil: scan.grantedUntil?.toISOString() ?? null,
    })
  },
)
