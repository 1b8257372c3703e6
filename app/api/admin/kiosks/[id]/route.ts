// DELETE /api/admin/kiosks/{id} — unpair a door tablet: its token is refused from now on.
import { db } from '@/lib/db'
import { guardRequest } from '@/lib/door/guard-request'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { revokeKiosk } from '@/lib/kiosks/revoke-kiosk'

export const dynamic = 'force-dynamic'

export const DELETE = apiHandler<{ id: string }>('app', async (request, { params }) => {
  const now = new Date()
  await guardRequest({ db, request, now, rateLimit: doorRateLimits.admin, allow: ['api', 'admin'] })
  const { id } = await params
  return json(await revokeKiosk({ db, now, kioskId: id }))
})
