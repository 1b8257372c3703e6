// GET /api/admin/users — every user; POST — create one (with a door pass).
import { db } from '@/lib/db'
import { createUserRequestSchema } from '@/lib/door/api-schemas'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { parseJsonBody } from '@/lib/http/body'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { createUser } from '@/lib/users/create-user'
import { listUsers } from '@/lib/users/list-users'

export const dynamic = 'force-dynamic'

const allow = ['api', 'admin'] as const

export const GET = apiHandler('app', async (request) => {
  await guardRequest({ db, request, now: new Date(), rateLimit: doorRateLimits.admin, allow })
  return json({ users: await listUsers({ db }) })
})

export const POST = apiHandler('app', async (request) => {
  await guardRequest({ db, request, now: new Date(), rateLimit: doorRateLimits.admin, allow })
  const input = await parseJsonBody(request, createUserRequestSchema)
  return json(await createUser({ db, input }), 201)
})
