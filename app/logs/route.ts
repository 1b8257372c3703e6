// GET /logs — seed 000: the current door state of every user with a pass. The event history is
// the admin console's.
import { db } from '@/lib/db'
import { listDoorStates } from '@/lib/door/door-state'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const GET = apiHandler('fastapi', async (request) => {
  const now = new Date()
  await guardRequest({ db, request, now, rateLimit: doorRateLimits.door, allow: ['api', 'admin'] })
  return json(await listDoorStates({ db, now }))
})
