// GET /api/admin/groups — every access group; POST — add one (its doors and weekly schedule).
import { createGroupRequestSchema } from '@/lib/access/api-schemas'
import { createGroup } from '@/lib/access/create-group'
import { listGroups } from '@/lib/access/list-groups'
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

const admins = { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin } as const

export const GET = route(admins, async () => json({ groups: await listGroups({ db }) }))

export const POST = route({ ...admins, body: createGroupRequestSchema, invalidBody: 'bad_request' }, async ({ input, now }) =>
  json(await createGroup({ db, now, input: input.body }), 201),
)
