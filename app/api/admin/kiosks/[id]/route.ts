// PATCH /api/admin/kiosks/{id} — rename a door tablet or move it to another door; DELETE — unpair
// it: its token is refused from now on.
import { db } from '@/lib/db'
import { updateKioskRequestSchema } from '@/lib/door/api-schemas'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { revokeKiosk } from '@/lib/kiosks/revoke-kiosk'
import { updateKiosk } from '@/lib/kiosks/update-kiosk'

const adminsOnOneKiosk = { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') } as const

export const PATCH = route({ ...adminsOnOneKiosk, body: updateKioskRequestSchema }, async ({ input }) =>
  json(await updateKiosk({ db, kioskId: input.params.id, patch: input.body })),
)

export const DELETE = route(adminsOnOneKiosk, async ({ input, now }) => json(await revokeKiosk({ db, now, kioskId: input.params.id })))
