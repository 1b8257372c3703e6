// POST /api/kiosk/scans — a paired kiosk checks a scanned pass; like GET /validate/{string}, but
// the answer names the person and the reason, for the kiosk's screen.
import { db } from '@/lib/db'
import { guardRequest } from '@/lib/http/guard'
import { kioskScanRequestSchema } from '@/lib/door/pass-schemas'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { scanMessages } from '@/lib/door/scan-messages'
import { validateScan } from '@/lib/door/validate-scan'
import { parseJsonBody } from '@/lib/http/body'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const POST = apiHandler('app', async (request) => {
  const now = new Date()
  const caller = await guardRequest({ db, request, now, rateLimit: doorRateLimits.door, allow: ['kiosk'] })
  if (caller.kind !== 'kiosk') throw new Error('unreachable: only kiosks are allowed')
  const { input } = await parseJsonBody(request, kioskScanRequestSchema, 'bad_request')
  const scan = await validateScan({ db, now, input: input.trim(), kioskId: caller.kioskId })
  return json({
    granted: scan.granted,
    reason: scan.reason,
    message: scanMessages[scan.reason],
    userName: scan.userName,
    grantedUntil: scan.grantedUntil?.toISOString() ?? null,
  })
})
