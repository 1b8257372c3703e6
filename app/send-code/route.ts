// POST /send-code — seed 003: sends a 6-digit code for `user_id` by SMS or e-mail.
import { db } from '@/lib/db'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { otpIpRateLimit } from '@/lib/otp/api/rate-limits'
import { inSeed003Shape, sendUserCode, SendCodeRequest } from '@/lib/otp/api/seed003'

export const POST = route(
  { style: 'fastapi', rateLimit: otpIpRateLimit, body: SendCodeRequest, mapError: inSeed003Shape },
  async ({ input, now }) => json(await sendUserCode({ db, now, input: input.body })),
)
