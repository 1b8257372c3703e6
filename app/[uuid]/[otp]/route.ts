// GET /{uuid}/{otp} — seed 004: checks a code, with the optional JSON body when the code was made
// with strict_validation. POST does the same, for clients whose HTTP stack (or Next's server, which
// drops GET bodies) cannot send a body with GET.
// Every two-segment path that no other route claims lands here: those without a UUID answer 404.
import { db } from '@/lib/db'
import { apiHandler, type RouteContext } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { limitByIp } from '@/lib/otp/api/rate-limits'
import { parseVerifyPath, readEnvelopeBody, verifyUuidOtp } from '@/lib/otp/api/seed004'

export const dynamic = 'force-dynamic'

async function verify(request: Request, context: RouteContext<{ uuid: string; otp: string }>) {
  const now = new Date()
  await limitByIp({ db, now, request })
  const { uuid, otp } = parseVerifyPath(await context.params)
  const { canonical } = await readEnvelopeBody(request)
  const answer = await verifyUuidOtp({ db, now, uuid, otp, canonicalBody: canonical })
  return json(answer, answer.status)
}

export const GET = apiHandler('envelope', verify)
export const POST = apiHandler('envelope', verify)
