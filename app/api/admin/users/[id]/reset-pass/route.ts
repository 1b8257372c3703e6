// POST /api/admin/users/{id}/reset-pass — a new door pass secret: the old QR codes stop working.
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { resetUserPass } from '@/lib/users/reset-user-pass'

export const POST = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') },
  async ({ input }) => json(await resetUserPass({ db, userId: input.params.id })),
)
