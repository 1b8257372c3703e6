// POST /api/auth/login — send a sign-in code to an e-mail address or phone number.
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { publicOrigin } from '@/lib/http/origin'
import { clientIp } from '@/lib/http/client-ip'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { startLogin } from '@/lib/login/login'
import { startLoginRequestSchema } from '@/lib/login/schemas'

// Its limits (per IP and per address) are counted by startLogin, which knows the address.
export const POST = route(
  { style: 'app', sameOrigin: true, body: startLoginRequestSchema, invalidBody: 'bad_request' },
  async ({ request, input, now }) =>
    json(
      await startLogin({
        db,
        now,
        input: input.body.address,
        ip: clientIp(request),
        adminEmail: env.ADMIN_EMAIL,
        limits: { perIpPerMinute: env.RATE_LIMIT_IP_PER_MINUTE, perAddressPerHour: env.RATE_LIMIT_SUBJECT_PER_HOUR },
        // The SMS's WebOTP line names the site the page came from: APP_ORIGIN's host, or this request's.
        webOtpHost: new URL(publicOrigin(request)).hostname,
      }),
    ),
)
