// POST /otp/resend — seed 001: a new code for `phone_number`, 60 s after the last one at the earliest.
import { db } from '@/lib/db'
import { parseFastApiBody } from '@/lib/otp/api/fastapi-body'
import { limitByIp } from '@/lib/otp/api/rate-limits'
import { resendPhoneOtp, ResendOtpRequest } from '@/lib/otp/api/seed001'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const POST = apiHandler('fastapi', async (request) => {
  const now = new Date()
  await limitByIp({ db, now, request })
  const input = await parseFastApiBody(request, ResendOtpRequest)
  return json(await resendPhoneOtp({ db, now, input }))
})
