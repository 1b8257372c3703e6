// PATCH /api/admin/users/{id} — change a user's name, contact, role or disabled flag.
import { db } from '@/lib/db'
import { updateUserRequestSchema } from '@/lib/door/api-schemas'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { updateUser } from '@/lib/users/update-user'

export const PATCH = route(
  {
    style: 'app',
    allow: ['api', 'admin'],
    rateLimit: doorRateLimits.admin,
    params: pathParams('id'),
    body: updateUserRequestSchema,
  },
  async ({ caller, input, now }) => {
    const actorUserId = caller.kind === 'user' ? caller.userId : undefined
    return json(await updateUser({ db, now, userId: input.params.id, patch: input.body, actorUserId }))
  },
)
