// POST / — seed 004: a code for an API client, found later by its UUID. proxy.ts rewrites POST /
// here, because the home page owns GET /. Parameters come from the query string or the JSON body.
import { db } from '@/lib/db'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { otpIpRateLimit } from '@/lib/otp/api/rate-limits'
import { generateUuidOtp, parseGenerateParams, readEnvelopeBody } from '@/lib/otp/api/seed004'

export const POST = route({ style: 'envelope', allow: ['api'], rateLimit: otpIpRateLimit }, async ({ request, now }) => {
  const { body, canonical } = await readEnvelopeBody(request)
  const params = parseGenerateParams(new URL(request.url).searchParams, body)
  const answer = await generateUuidOtp({ db, now, params, canonicalBody: canonical })
  return json(answer, answer.status)
})
