// POST /verify-code — seed 003: checks `passcode` for `user_id`; a right code is used up.
import { db } from '@/lib/db'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { otpIpRateLimit } from '@/lib/otp/api/rate-limits'
import { inSeed003Shape, verifyUserCode, VerifyCodeRequest } from '@/lib/otp/api/seed003'

export const POST = route(
  { style: 'fastapi', rateLimit: otpIpRateLimit, body: VerifyCodeRequest, mapError: inSeed003Shape },
  async ({ input, now }) => json(await verifyUserCode({ db, now, input: input.body })),
)
