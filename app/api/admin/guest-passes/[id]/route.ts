// DELETE /api/admin/guest-passes/{id} — revoke a guest pass: its next scan is refused.
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { revokeGuestPass } from '@/lib/guests/revoke-guest-pass'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const DELETE = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') },
  async ({ input, now }) => json(await revokeGuestPass({ db, now, guestPassId: input.params.id })),
)
