// GET /api/kiosk/me — which kiosk a token pairs, and the door it stands at (the kiosk page checks
// its token with it and shows the door's name).
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route({ style: 'app', allow: ['kiosk'], rateLimit: doorRateLimits.door }, async ({ caller }) => {
  const door = caller.doorId ? await db.door.findUnique({ where: { id: caller.doorId }, select: { id: true, name: true } }) : null
  return json({ kiosk: { id: caller.kioskId, name: caller.kioskName }, door })
})
