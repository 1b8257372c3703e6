// GET /api/admin/users — every user; POST — create one (with a door pass).
import { db } from '@/lib/db'
import { createUserRequestSchema } from '@/lib/door/api-schemas'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { createUser } from '@/lib/users/create-user'
import { listUsers } from '@/lib/users/list-users'

const admins = { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin } as const

export const GET = route(admins, async () => json({ users: await listUsers({ db }) }))

export const POST = route({ ...admins, body: createUserRequestSchema }, async ({ input }) =>
  json(await createUser({ db, input: input.body }), 201),
)
