// PATCH /api/admin/groups/{id} — rename a group, replace its doors or schedule; DELETE — remove it.
import { updateGroupRequestSchema } from '@/lib/access/api-schemas'
import { deleteGroup } from '@/lib/access/delete-group'
import { updateGroup } from '@/lib/access/update-group'
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

const adminsOnOneGroup = { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') } as const

export const PATCH = route({ ...adminsOnOneGroup, body: updateGroupRequestSchema, invalidBody: 'bad_request' }, async ({ input }) =>
  json(await updateGroup({ db, groupId: input.params.id, patch: input.body })),
)

export const DELETE = route(adminsOnOneGroup, async ({ input }) => json(await deleteGroup({ db, groupId: input.params.id })))
