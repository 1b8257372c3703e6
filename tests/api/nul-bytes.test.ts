// NUL characters in what a client sends to the hot path's statements: answered with a 4xx in the
// endpoint's own style, never a 5xx. PostgreSQL cannot store them in text at all, so they are
// refused before they reach either database (lib/db/statements).
import { beforeAll, describe, expect, it } from 'vitest'
import { GET as isValid } from '@/app/isvalid/[user_id]/route'
import { GET as validate } from '@/app/validate/[string]/route'
import { POST as verifyCode } from '@/app/verify-code/route'
import { formatQrString } from '@/lib/door/qr-string'
import { apiKeyCredentials, call, kioskCredentials, params, type Credentials } from './door/fixtures'
import { call as callOtp } from './otp/support'

let api: Credentials
let kiosk: Credentials

beforeAll(async () => {
  api = await apiKeyCredentials()
  kiosk = await kioskCredentials()
})

describe('NUL characters', () => {
  it('in a door state lookup are a 400', async () => {
    const userId = 'a\u0000b'
    const response = await isValid(call(`/isvalid/${encodeURIComponent(userId)}`, api), params({ user_id: userId }))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ detail: expect.any(String) })
  })

  it('in the user id of a scanned pass are a 400', async () => {
    const string = formatQrString('a\u0000b', '123456')
    const response = await validate(call(`/validate/${encodeURIComponent(string)}`, kiosk), params({ string }))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ detail: expect.any(String) })
  })

  it('in a code check are a 400 in the seed’s error shape', async () => {
    const answer = await callOtp(verifyCode, '/verify-code', { body: { user_id: 'a\u0000b', passcode: '123456' } })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({ detail: expect.anything() })
  })
})
