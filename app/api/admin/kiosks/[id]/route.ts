// PATCH /api/admin/kiosks/{id} — rename a door tablet; DELETE — unpair it: its token is refused from now on.
import { renameKioskRequestSchema } from '@/lib/admin/api-schemas'
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { renameKiosk } from '@/lib/kiosks/rename-kiosk'
import { revokeKiosk } from '@/lib/kiosks/revoke-kiosk'

const adminsOnOneKiosk = { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') } as const

export const PATCH = route({ ...adminsOnOneKiosk, body: renameKioskRequestSchema }, async ({ input }) =>
  json(await renameKiosk({ db, kioskId: input.params.id, name: input.body.name })),
)

export const DELETE = route(adminsOnOneKiosk, async ({ input, now }) => json(await revokeKiosk({ db, now, kioskId: input.params.id })))
