// GET /{uuid}/{otp} — seed 004: checks a code, with the optional JSON body when the code was made
// with strict_validation. POST does the same, for clients whose HTTP stack (or Next's server, which
// drops GET bodies) cannot send a body with GET.
// Every two-segment path that no other route claims lands here: those without a UUID answer 404.
import { db } from '@/lib/db'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { otpIpRateLimit } from '@/lib/otp/api/rate-limits'
import { parseVerifyPath, readEnvelopeBody, verifyUuidOtp } from '@/lib/otp/api/seed004'

// Seed 004 answers a bad path or body in its own envelope (lib/otp/api/seed004.ts).
const verifyRoute = () =>
  route({ style: 'envelope', rateLimit: otpIpRateLimit, params: pathParams('uuid', 'otp') }, async ({ request, input, now }) => {
    const { uuid, otp } = parseVerifyPath(input.params)
    const { canonical } = await readEnvelopeBody(request)
    const answer = await verifyUuidOtp({ db, now, uuid, otp, canonicalBody: canonical })
    return json(answer, answer.status)
  })

export const GET = verifyRoute()
export const POST = verifyRoute()
