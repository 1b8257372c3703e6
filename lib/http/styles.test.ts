import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError, rateLimited } from './errors'
import { renderError, type ApiStyle } from './styles'
import { toErrorResponse } from './handler'

const schemaError = () => {
  const result = z.object({ phone_number: z.string() }).safeParse({})
  if (result.success) throw new Error('expected a failure')
  return new ApiError('unprocessable', 'bad', { issues: result.error.issues })
}

const cases: { name: string; style: ApiStyle; error: ApiError; status: number; body: unknown }[] = [
  {
    name: 'FastAPI plain detail',
    style: 'fastapi',
    error: new ApiError('not_found', 'OTP not generated for this number.'),
    status: 404,
    body: { detail: 'OTP not generated for this number.' },
  },
  {
    name: 'FastAPI structured detail',
    style: 'fastapi',
    error: new ApiError('gone', 'OTP has expired', { detail: { success: false, error_type: 'expired' } }),
    status: 410,
    body: { detail: { success: false, error_type: 'expired' } },
  },
  {
    name: 'FastAPI schema violation as 422 list',
    style: 'fastapi',
    error: schemaError(),
    status: 422,
    body: { detail: [{ type: 'missing', loc: ['body', 'phone_number'], msg: 'Field required' }] },
  },
  {
    name: 'envelope with a seed-004 message',
    style: 'envelope',
    error: new ApiError('bad_request', 'TTL_INVALID'),
    status: 400,
    body: { status: 400, message: 'TTL_INVALID', info: {} },
  },
  {
    name: 'envelope with a 401 from the seed table',
    style: 'envelope',
    error: new ApiError('bad_request', 'OTP_INVALID', { status: 401 }),
    status: 401,
    body: { status: 401, message: 'OTP_INVALID', info: {} },
  },
  {
    name: 'envelope for broken JSON',
    style: 'envelope',
    error: new ApiError('invalid_json', 'The request body is not valid JSON'),
    status: 400,
    body: { status: 400, message: 'JSON_INVALID', info: {} },
  },
  {
    name: 'app style',
    style: 'app',
    error: new ApiError('forbidden', 'nope'),
    status: 403,
    body: { error: { code: 'forbidden', message: 'nope' } },
  },
]

describe('renderError', () => {
  it.each(cases)('$name', async ({ style, error, status, body }) => {
    const response = renderError(style, error)
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(await response.json()).toEqual(body)
  })

  it('carries Retry-After on 429s', () => {
    const response = renderError('fastapi', rateLimited(12.2))
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('13')
  })

  it('answers unexpected errors without their internals', async () => {
    const original = console.error
    console.error = () => {}
    try {
      const response = toErrorResponse('app', new Error('SELECT secret FROM users failed'))
      expect(response.status).toBe(500)
      const text = await response.text()
      expect(text).not.toContain('secret')
      expect(JSON.parse(text).error.code).toBe('internal')
    } finally {
      console.error = original
    }
  })
})
