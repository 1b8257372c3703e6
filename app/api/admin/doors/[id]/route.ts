// PATCH /api/admin/doors/{id} — rename a door, change its time zone, unlock time or lockdown;
// DELETE — remove it (409 while kiosks stand at it).
import { updateDoorRequestSchema } from '@/lib/access/api-schemas'
import { deleteDoor } from '@/lib/access/delete-door'
import { updateDoor } from '@/lib/access/update-door'
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

const adminsOnOneDoor = { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') } as const

export const PATCH = route({ ...adminsOnOneDoor, body: updateDoorRequestSchema, invalidBody: 'bad_request' }, async ({ input, now }) =>
  json(await updateDoor({ db, now, doorId: input.params.id, patch: input.body })),
)

export const DELETE = route(adminsOnOneDoor, async ({ input }) => json(await deleteDoor({ db, doorId: input.params.id })))
