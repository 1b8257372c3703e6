// GET /api/guest/{token} — the guest's pass for the page /g/{token}: no sign-in, the token in the
// link is the credential. Polled by the page, so counted in the polling bucket.
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { readGuestView } from '@/lib/guests/read-guest-view'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route({ style: 'app', rateLimit: doorRateLimits.poll, params: pathParams('token') }, async ({ input, now }) =>
  json(await readGuestView({ db, now, token: input.params.token })),
)
