// GET /api/admin/doors — every door; POST — add one (it opens for no group until one holds it).
import { createDoorRequestSchema } from '@/lib/access/api-schemas'
import { createDoor } from '@/lib/access/create-door'
import { listDoors } from '@/lib/access/list-doors'
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

const admins = { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin } as const

export const GET = route(admins, async () => json({ doors: await listDoors({ db }) }))

export const POST = route({ ...admins, body: createDoorRequestSchema, invalidBody: 'bad_request' }, async ({ input, now }) =>
  json(await createDoor({ db, now, input: input.body }), 201),
)
