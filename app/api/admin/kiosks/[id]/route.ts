// PATCH /api/admin/kiosks/{id} — rename a door tablet; DELETE — unpair it: its token is refused from now on.
import { renameKioskRequestSchema } from '@/lib/admin/api-schemas'
import { db } from '@/lib/db'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { parseJsonBody } from '@/lib/http/body'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { renameKiosk } from '@/lib/kiosks/rename-kiosk'
import { revokeKiosk } from '@/lib/kiosks/revoke-kiosk'

export const dynamic = 'force-dynamic'

const allow = ['api', 'admin'] as const

export const PATCH = apiHandler<{ id: string }>('app', async (request, { params }) => {
  await guardRequest({ db, request, now: new Date(), rateLimit: doorRateLimits.admin, allow })
  const { name } = await parseJsonBody(request, renameKioskRequestSchema)
  const { id } = await params
  return json(await renameKiosk({ db, kioskId: id, name }))
})

export const DELETE = apiHandler<{ id: string }>('app', async (request, { params }) => {
  const now = new Date()
  await guardRequest({ db, request, now, rateLimit: doorRateLimits.admin, allow })
  const { id } = await params
  return json(await revokeKiosk({ db, now, kioskId: id }))
})
