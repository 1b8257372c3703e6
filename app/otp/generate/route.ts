// POST /otp/generate — seed 001: sends a 4-digit code by SMS to `phone_number`.
import { db } from '@/lib/db'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { otpIpRateLimit } from '@/lib/otp/api/rate-limits'
import { generatePhoneOtp, GenerateOtpRequest } from '@/lib/otp/api/seed001'

export const POST = route({ style: 'fastapi', rateLimit: otpIpRateLimit, body: GenerateOtpRequest }, async ({ input, now }) =>
  json(await generatePhoneOtp({ db, now, input: input.body })),
)
