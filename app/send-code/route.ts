// POST /send-code — seed 003: sends a 6-digit code for `user_id` by SMS or e-mail.
import { db } from '@/lib/db'
import { parseFastApiBody } from '@/lib/otp/api/fastapi-body'
import { limitSeed003Ip, sendUserCode, SendCodeRequest } from '@/lib/otp/api/seed003'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const POST = apiHandler('fastapi', async (request) => {
  const now = new Date()
  await limitSeed003Ip({ db, now, request })
  const input = await parseFastApiBody(request, SendCodeRequest)
  return json(await sendUserCode({ db, now, input }))
})
