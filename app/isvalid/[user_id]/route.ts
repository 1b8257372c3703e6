// GET /isvalid/{user_id} — seed 000: whether the user's door grant is running. The pass page polls
// it every second, hence its own rate-limit bucket and a single primary-key read.
import { db } from '@/lib/db'
import { getDoorState } from '@/lib/door/door-state'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { ApiError } from '@/lib/http/errors'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const GET = apiHandler<{ user_id: string }>('fastapi', async (request, { params }) => {
  const now = new Date()
  const caller = await guardRequest({ db, request, now, rateLimit: doorRateLimits.poll, allow: ['api', 'user'] })
  const { user_id: userId } = await params
  // Admins may look anyone up: they can read every user's state in /logs anyway.
  if (caller.kind === 'user' && caller.userId !== userId && caller.role !== 'admin') {
    throw new ApiError('forbidden', 'You may only check your own door state')
  }
  return json({ user_id: userId, validation: await getDoorState({ db, now, userId }) })
})
