// POST /otp/resend — seed 001: a new code for `phone_number`, 60 s after the last one at the earliest.
import { db } from '@/lib/db'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { otpIpRateLimit } from '@/lib/otp/api/rate-limits'
import { resendPhoneOtp, ResendOtpRequest } from '@/lib/otp/api/seed001'

export const POST = route({ style: 'fastapi', rateLimit: otpIpRateLimit, body: ResendOtpRequest }, async ({ input, now }) =>
  json(await resendPhoneOtp({ db, now, input: input.body })),
)
