import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/http/errors'
import { parseGenerateParams, parseVerifyPath, readEnvelopeBody } from './seed004'

const failure = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error instanceof ApiError ? [error.status, error.message] : error
  }
  return 'no error'
}

describe('parseGenerateParams', () => {
  it('fills in the README’s defaults', () => {
    expect(parseGenerateParams(new URLSearchParams(), {})).toEqual({
      ttl: 60,
      retry_limit: 5,
      code_length: 6,
      strict_validation: false,
      use_alpha_numeric: false,
    })
  })

  it('takes numbers and booleans written as text', () => {
    expect(
      parseGenerateParams(new URLSearchParams('ttl=+120&code_length= 8 &strict_validation=1&use_alpha_numeric=true'), {}),
    ).toMatchObject({
      ttl: 120,
      code_length: 8,
      strict_validation: true,
      use_alpha_numeric: true,
    })
  })

  it('names the first wrong parameter in the README’s order', () => {
    expect(failure(() => parseGenerateParams(new URLSearchParams('code_length=99'), { ttl: 0 }))).toEqual([400, 'TTL_INVALID'])
    expect(failure(() => parseGenerateParams(new URLSearchParams('code_length=99'), { retry_limit: 0 }))).toEqual([400, 'RETRY_INVALID'])
    expect(failure(() => parseGenerateParams(new URLSearchParams('code_length=1e1'), {}))).toEqual([400, 'CODE_INVALID'])
    expect(failure(() => parseGenerateParams(new URLSearchParams(), { strict_validation: 'yes' }))).toEqual([400, 'REQUEST_BODY_INVALID'])
  })
})

describe('parseVerifyPath', () => {
  it('lower-cases UUIDs and refuses paths that are not ours', () => {
    expect(parseVerifyPath({ uuid: '1C11604D-47FA-442A-866A-231686E14A8B', otp: '1' })).toEqual({
      uuid: '1c11604d-47fa-442a-866a-231686e14a8b',
      otp: '1',
    })
    expect(failure(() => parseVerifyPath({ uuid: 'docs', otp: 'x' }))).toEqual([404, 'NOT_FOUND'])
    expect(failure(() => parseVerifyPath({ uuid: '1c11604d-47fa-442a-866a-231686e14a8b', otp: '' }))).toEqual([400, 'OTP_MISSING'])
  })
})

describe('readEnvelopeBody', () => {
  const request = (body?: string) => new Request('http://localhost/', { method: 'POST', body })

  it('reads no body as {} and gives the canonical text', async () => {
    expect(await readEnvelopeBody(request())).toEqual({ body: {}, canonical: '{}' })
    expect(await readEnvelopeBody(request(' {"b": 2, "a": 1} '))).toEqual({ body: { b: 2, a: 1 }, canonical: '{"a":1,"b":2}' })
  })

  it('refuses broken JSON, non-objects and oversized bodies', async () => {
    await expect(readEnvelopeBody(request('{'))).rejects.toMatchObject({ status: 400, message: 'JSON_INVALID' })
    await expect(readEnvelopeBody(request('[1]'))).rejects.toMatchObject({ message: 'REQUEST_BODY_INVALID' })
    await expect(readEnvelopeBody(request(JSON.stringify({ a: 'x'.repeat(70_000) })))).rejects.toMatchObject({
      message: 'REQUEST_BODY_INVALID',
    })
  })
})
