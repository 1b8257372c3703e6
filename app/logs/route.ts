// GET /logs — seed 000: the current door state of every user with a pass. The event history is
// the admin console's.
import { db } from '@/lib/db'
import { listDoorStates } from '@/lib/door/door-state'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route({ style: 'fastapi', allow: ['api', 'admin'], rateLimit: doorRateLimits.door }, async ({ now }) =>
  json(await listDoorStates({ db, now })),
)
