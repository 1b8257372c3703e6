// POST / — seed 004: a code for an API client, found later by its UUID. proxy.ts rewrites POST /
// here, because the home page owns GET /. Parameters come from the query string or the JSON body.
import { requireCaller } from '@/lib/auth/authenticate'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { limitByIp } from '@/lib/otp/api/rate-limits'
import { generateUuidOtp, parseGenerateParams, readEnvelopeBody } from '@/lib/otp/api/seed004'

export const dynamic = 'force-dynamic'

export const POST = apiHandler('envelope', async (request) => {
  const now = new Date()
  // Counted before authenticating, so that guessing API keys is limited too.
  await limitByIp({ db, now, request })
  await requireCaller({ db, request, now, adminApiKey: env.ADMIN_API_KEY, allow: ['api'] })
  const { body, canonical } = await readEnvelopeBody(request)
  const params = parseGenerateParams(new URL(request.url).searchParams, body)
  const answer = await generateUuidOtp({ db, now, params, canonicalBody: canonical })
  return json(answer, answer.status)
})
