// POST /api/admin/users/{id}/reset-pass — a new door pass secret: the old QR codes stop working.
import { db } from '@/lib/db'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { resetUserPass } from '@/lib/users/reset-user-pass'

export const dynamic = 'force-dynamic'

export const POST = apiHandler<{ id: string }>('app', async (request, { params }) => {
  await guardRequest({ db, request, now: new Date(), rateLimit: doorRateLimits.admin, allow: ['api', 'admin'] })
  const { id } = await params
  return json(await resetUserPass({ db, userId: id }))
})
