// GET /api/admin/guest-passes — every guest pass with its uses and state; POST — make one: its link
// is shown once and sent to the e-mail address and phone number given.
import { createGuestPassRequestSchema } from '@/lib/access/api-schemas'
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { createGuestPass } from '@/lib/guests/create-guest-pass'
import { publicOrigin } from '@/lib/http/origin'
import { listGuestPasses } from '@/lib/guests/list-guest-passes'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

const admins = { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin } as const

export const GET = route(admins, async ({ now }) => json({ guestPasses: await listGuestPasses({ db, now }) }))

export const POST = route(
  { ...admins, body: createGuestPassRequestSchema, invalidBody: 'bad_request' },
  async ({ request, input, now }) => {
    const { pass, url, deliveries } = await createGuestPass({ db, now, origin: publicOrigin(request), input: input.body })
    return json({ ...pass, url, deliveries }, 201)
  },
)
