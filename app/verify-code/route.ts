// POST /verify-code — seed 003: checks `passcode` for `user_id`; a right code is used up.
import { db } from '@/lib/db'
import { parseFastApiBody } from '@/lib/otp/api/fastapi-body'
import { limitSeed003Ip, verifyUserCode, VerifyCodeRequest } from '@/lib/otp/api/seed003'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const POST = apiHandler('fastapi', async (request) => {
  const now = new Date()
  await limitSeed003Ip({ db, now, request })
  const input = await parseFastApiBody(request, VerifyCodeRequest)
  return json(await verifyUserCode({ db, now, input }))
})
