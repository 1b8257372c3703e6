// POST /otp/verify — seed 001: checks `otp` for `phone_number`.
import { db } from '@/lib/db'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { otpIpRateLimit } from '@/lib/otp/api/rate-limits'
import { verifyPhoneOtp, VerifyOtpRequest } from '@/lib/otp/api/seed001'

export const POST = route({ style: 'fastapi', rateLimit: otpIpRateLimit, body: VerifyOtpRequest }, async ({ input, now }) =>
  json(await verifyPhoneOtp({ db, now, input: input.body })),
)
