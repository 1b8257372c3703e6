// POST /api/admin/users/{id}/sign-out — end every session of a user, in every browser.
import { db } from '@/lib/db'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { signOutUser } from '@/lib/users/sign-out-user'

export const dynamic = 'force-dynamic'

export const POST = apiHandler<{ id: string }>('app', async (request, { params }) => {
  const now = new Date()
  await guardRequest({ db, request, now, rateLimit: doorRateLimits.admin, allow: ['api', 'admin'] })
  const { id } = await params
  return json(await signOutUser({ db, now, userId: id }))
})
