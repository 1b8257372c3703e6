// GET /api/kiosk/me — which kiosk a token pairs with (the kiosk page checks its token with it).
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route({ style: 'app', allow: ['kiosk'], rateLimit: doorRateLimits.door }, ({ caller }) =>
  json({ kiosk: { id: caller.kioskId, name: caller.kioskName } }),
)
