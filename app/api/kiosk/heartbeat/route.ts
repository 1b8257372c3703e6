// POST /api/kiosk/heartbeat — a paired kiosk says it is there, every 30 s: the console shows it
// online, and kiosk.online fires when it was not. A revoked kiosk's token is refused (401), which
// is how a kiosk learns it was unpaired.
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { KIOSK_HEARTBEAT_SECONDS, recordHeartbeat } from '@/lib/events/kiosk-presence'
import { kickDoorEvents } from '@/lib/events/runtime'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const POST = route({ style: 'app', allow: ['kiosk'], rateLimit: doorRateLimits.door }, async ({ caller, now }) => {
  const [{ cameOnline }, door] = await Promise.all([
    recordHeartbeat({ db, now, kioskId: caller.kioskId }),
    caller.doorId ? db.door.findUnique({ where: { id: caller.doorId }, select: { id: true, name: true } }) : null,
  ])
  if (cameOnline) kickDoorEvents(db)
  return json({ kiosk: { id: caller.kioskId, name: caller.kioskName }, door, nextHeartbeatSeconds: KIOSK_HEARTBEAT_SECONDS })
})
