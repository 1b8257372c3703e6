// Property: whatever a client sends to the OTP endpoints (any body, query string or path), the answer
// is never a 5xx, and always JSON in that API's own shape.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { GET as verifyUuidGet, POST as verifyUuidPost } from '@/app/[uuid]/[otp]/route'
import { POST as generateUuid } from '@/app/api/seed004/generate/route'
import { POST as generate } from '@/app/otp/generate/route'
import { POST as resend } from '@/app/otp/resend/route'
import { POST as verify } from '@/app/otp/verify/route'
import { POST as sendCode } from '@/app/send-code/route'
import { POST as verifyCode } from '@/app/verify-code/route'
import { call, setEnv, type Answer } from './support'

const ADMIN_KEY = 'fuzz-admin-key-0123456789'
const RUNS = 100

/** Values that look like what the endpoints expect, and values that do not. */
const fieldValue = fc.oneof(
  fc.constantFrom('+14155550123', '+1 415 555 0123', '0044 20 7946 0958', 'sms', 'email', 'user@example.com', '1234', '123456', ''),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
)

const fields = [
  'phone_number',
  'otp',
  'user_id',
  'method',
  'phone',
  'email',
  'passcode',
  'ttl',
  'retry_limit',
  'code_length',
  'strict_validation',
  'use_alpha_numeric',
]

const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...fields), fieldValue, { maxKeys: 6 }),
  fc.json({ maxDepth: 4 }),
  fc.string({ maxLength: 60 }),
  fc.constant(undefined),
  fc.constantFrom('{', '[', '{"a":', 'null', '"text"', '[]', '{}', '\u0000', '{"phone_number": "+1415"}'),
  fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
)

const query = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.constantFrom('ttl', 'retry_limit', 'code_length', 'strict_validation', 'use_alpha_numeric', 'x'),
      fc.string({ maxLength: 8 }),
      { maxKeys: 5 },
    )
    .map((params) => '?' + new URLSearchParams(params).toString()),
  fc.string({ maxLength: 30 }).map((text) => '?' + encodeURIComponent(text)),
)

const segment = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '%', '..', '00000000-0000-0000-0000-000000000000'),
)

function expectFastApi(answer: Answer) {
  expect(answer.status).toBeLessThan(500)
  expect(typeof answer.body).toBe('object')
  if (answer.status >= 400) expect(answer.body).toHaveProperty('detail')
}

function expectEnvelope(answer: Answer) {
  expect(answer.status).toBeLessThan(500)
  expect(answer.body).toEqual({ status: answer.status, message: expect.stringMatching(/^[A-Z_]+$/), info: expect.any(Object) })
}

let restore: () => void
beforeAll(() => {
  restore = setEnv({ ADMIN_API_KEY: ADMIN_KEY })
  vi.spyOn(console, 'log').mockImplementation(() => {})
})
afterAll(() => {
  restore()
  vi.restoreAllMocks()
})

describe('no input makes a 5xx', () => {
  const fastApiRoutes = [
    ['/otp/generate', generate],
    ['/otp/resend', resend],
    ['/otp/verify', verify],
    ['/send-code', sendCode],
    ['/verify-code', verifyCode],
  ] as const

  it.each(fastApiRoutes)('POST %s answers FastAPI-style JSON', async (path, handler) => {
    await fc.assert(
      fc.asyncProperty(body, query, async (requestBody, requestQuery) => {
        expectFastApi(await call(handler, path + requestQuery, { body: requestBody }))
      }),
      { numRuns: RUNS },
    )
  })

  it('POST / answers the envelope, with or without an API key', async () => {
    await fc.assert(
      fc.asyncProperty(body, query, fc.boolean(), async (requestBody, requestQuery, withKey) => {
        const headers: Record<string, string> = withKey ? { authorization: `Bearer ${ADMIN_KEY}` } : {}
        expectEnvelope(await call(generateUuid, '/' + requestQuery, { body: requestBody, headers }))
      }),
      { numRuns: RUNS * 2 },
    )
  })

  it('GET and POST /{uuid}/{otp} answer the envelope', async () => {
    await fc.assert(
      fc.asyncProperty(segment, segment, body, fc.boolean(), async (uuid, otp, requestBody, usePost) => {
        const path = `/${encodeURIComponent(uuid)}/${encodeURIComponent(otp)}`
        const answer = usePost
          ? await call(verifyUuidPost, path, { params: { uuid, otp }, body: requestBody })
          : await call(verifyUuidGet, path, { method: 'GET', params: { uuid, otp } })
        expectEnvelope(answer)
      }),
      { numRuns: RUNS * 2 },
    )
  })
})
