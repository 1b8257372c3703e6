// GET /api/kiosk/me — which kiosk a token pairs with (the kiosk page checks its token with it).
import { db } from '@/lib/db'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const GET = apiHandler('app', async (request) => {
  const caller = await guardRequest({ db, request, now: new Date(), rateLimit: doorRateLimits.door, allow: ['kiosk'] })
  if (caller.kind !== 'kiosk') throw new Error('unreachable: only kiosks are allowed')
  return json({ kiosk: { id: caller.kioskId, name: caller.kioskName } })
})
