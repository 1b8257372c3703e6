// POST /otp/verify — seed 001: checks `otp` for `phone_number`.
import { db } from '@/lib/db'
import { parseFastApiBody } from '@/lib/otp/api/fastapi-body'
import { limitByIp } from '@/lib/otp/api/rate-limits'
import { verifyPhoneOtp, VerifyOtpRequest } from '@/lib/otp/api/seed001'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const POST = apiHandler('fastapi', async (request) => {
  const now = new Date()
  await limitByIp({ db, now, request })
  const input = await parseFastApiBody(request, VerifyOtpRequest)
  return json(await verifyPhoneOtp({ db, now, input }))
})
