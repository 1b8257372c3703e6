// POST /api/admin/users/{id}/sign-out — end every session of a user, in every browser.
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { signOutUser } from '@/lib/users/sign-out-user'

export const POST = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') },
  async ({ input, now }) => json(await signOutUser({ db, now, userId: input.params.id })),
)
