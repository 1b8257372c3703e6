// POST /api/auth/verify — check a sign-in code; on success set the session cookie.
import { sessionCookie } from '@/lib/auth/sessions'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { clientIp } from '@/lib/http/client-ip'
import { secureCookies } from '@/lib/http/cookies'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { verifyLogin } from '@/lib/login/login'
import { verifyLoginRequestSchema } from '@/lib/login/schemas'

// Its limits (per IP and per address) are counted by verifyLogin, which knows the address.
export const POST = route(
  { style: 'app', sameOrigin: true, body: verifyLoginRequestSchema, invalidBody: 'bad_request' },
  async ({ request, input, now }) => {
    const result = await verifyLogin({
      db,
      now,
      input: input.body.address,
      code: input.body.code,
      ip: clientIp(request),
      adminEmail: env.ADMIN_EMAIL,
      sessionTtlHours: env.SESSION_TTL_HOURS,
      limits: { perIpPerMinute: env.RATE_LIMIT_IP_PER_MINUTE, perAddressPerHour: env.RATE_LIMIT_SUBJECT_PER_HOUR },
    })
    return json({ user: result.user, createdAdmin: result.createdAdmin }, 200, {
      'Set-Cookie': sessionCookie(result.token, result.expiresAt, secureCookies(request)),
    })
  },
)
