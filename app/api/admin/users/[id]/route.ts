// PATCH /api/admin/users/{id} — change a user's name, contact, role or disabled flag.
import { db } from '@/lib/db'
import { updateUserRequestSchema } from '@/lib/door/api-schemas'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { parseJsonBody } from '@/lib/http/body'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { updateUser } from '@/lib/users/update-user'

export const dynamic = 'force-dynamic'

export const PATCH = apiHandler<{ id: string }>('app', async (request, { params }) => {
  const now = new Date()
  const caller = await guardRequest({ db, request, now, rateLimit: doorRateLimits.admin, allow: ['api', 'admin'] })
  const patch = await parseJsonBody(request, updateUserRequestSchema)
  const { id } = await params
  const actorUserId = caller.kind === 'user' ? caller.userId : undefined
  return json(await updateUser({ db, now, userId: id, patch, actorUserId }))
})
