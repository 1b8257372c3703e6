// POST /otp/generate — seed 001: sends a 4-digit code by SMS to `phone_number`.
import { db } from '@/lib/db'
import { parseFastApiBody } from '@/lib/otp/api/fastapi-body'
import { limitByIp } from '@/lib/otp/api/rate-limits'
import { generatePhoneOtp, GenerateOtpRequest } from '@/lib/otp/api/seed001'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const POST = apiHandler('fastapi', async (request) => {
  const now = new Date()
  await limitByIp({ db, now, request })
  const input = await parseFastApiBody(request, GenerateOtpRequest)
  return json(await generatePhoneOtp({ db, now, input }))
})
