// GET /api/admin/kiosks — every paired door tablet; POST — pair a new one at a door (its token is shown once).
import { db } from '@/lib/db'
import { createKioskRequestSchema } from '@/lib/door/api-schemas'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { createKiosk } from '@/lib/kiosks/create-kiosk'
import { listKiosks } from '@/lib/kiosks/list-kiosks'

const admins = { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin } as const

export const GET = route(admins, async () => json({ kiosks: await listKiosks({ db }) }))

export const POST = route({ ...admins, body: createKioskRequestSchema }, async ({ input, now }) => {
  const { kiosk, token, pairingUrl } = await createKiosk({ db, now, name: input.body.name, doorId: input.body.doorId })
  return json({ id: kiosk.id, name: kiosk.name, doorId: kiosk.doorId, doorName: kiosk.doorName, token, pairingUrl }, 201)
})
