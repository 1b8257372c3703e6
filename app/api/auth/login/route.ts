// POST /api/auth/login — send a sign-in code to an e-mail address or phone number.
import { refuseCrossSiteChange } from '@/lib/auth/csrf'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { parseJsonBody } from '@/lib/http/body'
import { clientIp } from '@/lib/http/client-ip'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { startLogin } from '@/lib/login/login'
import { startLoginRequestSchema } from '@/lib/login/schemas'

export const POST = apiHandler('app', async (request) => {
  // No cookie is needed here, but a cross-site form could still sign a victim in to the attacker's account.
  refuseCrossSiteChange(request)
  const body = await parseJsonBody(request, startLoginRequestSchema, 'bad_request')
  const result = await startLogin({
    db,
    now: new Date(),
    input: body.address,
    ip: clientIp(request),
    adminEmail: env.ADMIN_EMAIL,
    limits: { perIpPerMinute: env.RATE_LIMIT_IP_PER_MINUTE, perAddressPerHour: env.RATE_LIMIT_SUBJECT_PER_HOUR },
  })
  return json(result)
})
