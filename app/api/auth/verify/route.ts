// POST /api/auth/verify — check a sign-in code; on success set the session cookie.
import { sessionCookie } from '@/lib/auth/sessions'
import { refuseCrossSiteChange } from '@/lib/auth/csrf'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { parseJsonBody } from '@/lib/http/body'
import { clientIp } from '@/lib/http/client-ip'
import { secureCookies } from '@/lib/http/cookies'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { verifyLogin } from '@/lib/login/login'
import { verifyLoginRequestSchema } from '@/lib/login/schemas'

export const POST = apiHandler('app', async (request) => {
  // No cookie is needed here, but a cross-site form could still sign a victim in to the attacker's account.
  refuseCrossSiteChange(request)
  const body = await parseJsonBody(request, verifyLoginRequestSchema, 'bad_request')
  const result = await verifyLogin({
    db,
    now: new Date(),
    input: body.address,
    code: body.code,
    ip: clientIp(request),
    adminEmail: env.ADMIN_EMAIL,
    sessionTtlHours: env.SESSION_TTL_HOURS,
    limits: { perIpPerMinute: env.RATE_LIMIT_IP_PER_MINUTE, perAddressPerHour: env.RATE_LIMIT_SUBJECT_PER_HOUR },
  })
  return json({ user: result.user, createdAdmin: result.createdAdmin }, 200, {
    'Set-Cookie': sessionCookie(result.token, result.expiresAt, secureCookies(request)),
  })
})
