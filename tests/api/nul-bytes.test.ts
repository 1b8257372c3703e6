// NUL characters in what a client sends to the hot path's statements: answered with a 4xx in the
// endpoint's own style, never a 5xx. PostgreSQL cannot store them in text at all, so they are
// refused before they reach either database (lib/db/statements).
import { beforeAll, describe, expect, it } from 'vitest'
import { GET as isValid } from '@/app/isvalid/[user_id]/route'
import { GET as validate } from '@/app/validate/[string]/route'
import { GET as eventsCsv } from '@/app/api/admin/events.csv/route'
import { GET as events } from '@/app/api/admin/events/route'
import { POST as createKiosk } from '@/app/api/admin/kiosks/route'
import { POST as createUser } from '@/app/api/admin/users/route'
import { POST as kioskScan } from '@/app/api/kiosk/scans/route'
import { POST as generateUuidOtp } from '@/app/api/seed004/generate/route'
import { POST as sendCode } from '@/app/send-code/route'
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

  it('in a send-code request, which needs no credentials, are a 400 in the seed’s shape', async () => {
    const answer = await callOtp(sendCode, '/send-code', { body: { user_id: 'a\u0000b', method: 'email', email: 'nul@example.com' } })
    expect(answer.status).toBe(400)
  })

  it.each([
    [
      'a user’s name',
      () =>
        createUser(
          call('/api/admin/users', api, { method: 'POST', body: { name: 'Ada\u0000', email: 'ada-nul@example.com' } }),
          params({}),
        ),
    ],
    ['a kiosk’s name', () => createKiosk(call('/api/admin/kiosks', api, { method: 'POST', body: { name: 'Door\u0000' } }), params({}))],
    ['a scan’s input', () => kioskScan(call('/api/kiosk/scans', kiosk, { method: 'POST', body: { input: 'x\u0000y' } }), params({}))],
    ['an access-log filter', () => events(call('/api/admin/events?user=%00', api), params({}))],
  ])('in %s are a 400 in the app’s shape', async (_what, send) => {
    const response = await send()
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: expect.objectContaining({ code: 'bad_request' }) })
  })

  it('in the CSV export’s filter are a 400 before any of the file is sent', async () => {
    const response = await eventsCsv(call('/api/admin/events.csv?user=%00', api), params({}))
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  })

  it('in data bound to a seed 004 code are a 400 in its envelope', async () => {
    const response = await generateUuidOtp(
      call('/?strict_validation=true', api, { method: 'POST', body: { order: 'a\u0000b' } }),
      params({}),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ status: 400, message: 'REQUEST_BODY_INVALID', info: {} })
  })
})
