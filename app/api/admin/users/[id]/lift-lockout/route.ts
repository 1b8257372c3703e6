// POST /api/admin/users/{id}/lift-lockout — forget a user's wrong sign-in codes: a locked-out user may sign in again at once.
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { liftLockout } from '@/lib/login/guess-budgets'

export const POST = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') },
  async ({ input, now }) => json(await liftLockout({ db, now, userId: input.params.id })),
)
