// GET /api/admin/kiosks — every paired door tablet; POST — pair a new one (its token is shown once).
import { db } from '@/lib/db'
import { createKioskRequestSchema } from '@/lib/door/api-schemas'
import { guardRequest } from '@/lib/http/guard'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { parseJsonBody } from '@/lib/http/body'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { createKiosk } from '@/lib/kiosks/create-kiosk'
import { listKiosks } from '@/lib/kiosks/list-kiosks'

export const dynamic = 'force-dynamic'

const allow = ['api', 'admin'] as const

export const GET = apiHandler('app', async (request) => {
  await guardRequest({ db, request, now: new Date(), rateLimit: doorRateLimits.admin, allow })
  return json({ kiosks: await listKiosks({ db }) })
})

export const POST = apiHandler('app', async (request) => {
  const now = new Date()
  await guardRequest({ db, request, now, rateLimit: doorRateLimits.admin, allow })
  const { name } = await parseJsonBody(request, createKioskRequestSchema)
  const { kiosk, token, pairingUrl } = await createKiosk({ db, now, name })
  return json({ id: kiosk.id, name: kiosk.name, token, pairingUrl }, 201)
})
