// GET /isvalid/{user_id} — seed 000: whether the user's door grant is running. Seed 000's clients
// poll it every second, hence its own rate-limit bucket and a single primary-key read.
import { db } from '@/lib/db'
import { getDoorState } from '@/lib/door/door-state'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { ApiError } from '@/lib/http/errors'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route(
  { style: 'fastapi', allow: ['api', 'user'], rateLimit: doorRateLimits.poll, params: pathParams('user_id') },
  async ({ caller, input, now }) => {
    const userId = input.params.user_id
    // Admins may look anyone up: they can read every user's state in /logs anyway.
    if (caller.kind === 'user' && caller.userId !== userId && caller.role !== 'admin') {
      throw new ApiError('forbidden', 'You may only check your own door state')
    }
    return json({ user_id: userId, validation: await getDoorState({ db, now, userId }) })
  },
)
