// Seed 004: POST / (through proxy.ts) and GET /{uuid}/{otp}, every answer of the README's table.
import { randomUUID } from 'node:crypto'
import { NextRequest } from 'next/server'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { GET as verifyGet, POST as verifyPost } from '@/app/[uuid]/[otp]/route'
import { POST as generate } from '@/app/api/seed004/generate/route'
import { generateToken, hashToken } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import { GET_BODY_HEADER } from '@/lib/http/get-body'
import { rewrites } from '@/lib/http/rewrites'
import { proxy } from '@/proxy'

const SEED004_GENERATE_PATH = rewrites[0].to
import { call, setEnv } from './support'

const ADMIN_KEY = 'seed004-admin-key-0123456789'
const auth = { authorization: `Bearer ${ADMIN_KEY}` }
const t0 = new Date('2026-06-01T12:00:00Z')
const later = (seconds: number) => vi.setSystemTime(new Date(t0.getTime() + seconds * 1000))

interface Generated {
  uuid: string
  otp: string
}

async function make(query = '', body?: unknown): Promise<Generated> {
  const answer = await call(generate, `/${query}`, { headers: auth, body })
  expect(answer.status).toBe(200)
  return (answer.body as { info: Generated }).info
}

function check(generated: Generated, otp = generated.otp, o: { body?: unknown; method?: 'GET' | 'POST'; ip?: string } = {}) {
  const handler = o.method === 'POST' || o.body !== undefined ? verifyPost : verifyGet
  return call(handler, `/${generated.uuid}/${encodeURIComponent(otp)}`, {
    method: handler === verifyGet ? 'GET' : 'POST',
    params: { uuid: generated.uuid, otp },
    body: o.body,
    ip: o.ip,
  })
}

const envelope = (status: number, message: string, info: unknown = {}) => ({ status, message, info })

let restore: () => void
beforeAll(() => {
  restore = setEnv({ ADMIN_API_KEY: ADMIN_KEY })
  vi.useFakeTimers({ toFake: ['Date'] })
})
afterEach(() => later(0))
afterAll(() => {
  vi.useRealTimers()
  restore()
})

describe('proxy.ts', () => {
  it('rewrites POST / to the seed 004 route, query string included', () => {
    const response = proxy(new NextRequest('http://localhost/?ttl=120&code_length=8', { method: 'POST', body: '{}' }))
    expect(response.headers.get('x-middleware-rewrite')).toBe(`http://localhost${SEED004_GENERATE_PATH}?ttl=120&code_length=8`)
  })

  it('leaves GET / to the home page', () => {
    const response = proxy(new NextRequest('http://localhost/', { method: 'GET' }))
    expect(response.headers.get('x-middleware-rewrite')).toBeNull()
    expect(response.headers.get('x-middleware-next')).toBe('1')
  })
})

describe('POST /', () => {
  it('makes a 6-digit code for 60 s with 5 tries by default and returns it to the API client', async () => {
    later(0)
    const answer = await call(generate, '/', { headers: auth, body: {} })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual(
      envelope(200, 'OTP_GENERATED', { uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), otp: expect.stringMatching(/^\d{6}$/) }),
    )
    const { uuid } = (answer.body as { info: Generated }).info
    const row = await db.otpChallenge.findUniqueOrThrow({ where: { id: uuid } })
    expect(row).toMatchObject({ scope: 'seed004', subject: null, length: 6, maxAttempts: 5, boundData: null })
    expect(row.expiresAt.getTime() - t0.getTime()).toBe(60_000)
  })

  it('accepts an API key made in the admin console', async () => {
    const token = generateToken('key')
    await db.apiKey.create({ data: { id: randomUUID(), name: 'seed004 test', prefix: token.slice(0, 12), keyHash: hashToken(token) } })
    const answer = await call(generate, '/', { headers: { authorization: `Bearer ${token}` } })
    expect(answer.status).toBe(200)
  })

  it('reads parameters from the query string and the body, the query string winning', async () => {
    const fromQuery = await make('?ttl=120&retry_limit=10&code_length=10&use_alpha_numeric=true', {})
    expect(fromQuery.otp).toMatch(/^[2-9A-HJKMNP-Z]{10}$/)
    const fromBody = await make('', { ttl: 3600, retry_limit: 60, code_length: 1 })
    expect(fromBody.otp).toMatch(/^\d$/)
    expect(await db.otpChallenge.findUniqueOrThrow({ where: { id: fromBody.uuid } })).toMatchObject({ maxAttempts: 60 })
    const both = await make('?ttl=1', { ttl: 0 })
    expect((await db.otpChallenge.findUniqueOrThrow({ where: { id: both.uuid } })).expiresAt.getTime() - t0.getTime()).toBe(1000)
  })

  const table: [string, { query?: string; body?: unknown; headers?: Record<string, string> }, number, string][] = [
    ['no API key', { headers: {} }, 401, 'UNAUTHORIZED'],
    ['a wrong API key', { headers: { authorization: 'Bearer not-a-key' } }, 401, 'UNAUTHORIZED'],
    ['broken JSON', { body: '{"ttl": 5' }, 400, 'JSON_INVALID'],
    ['a JSON array', { body: [1, 2] }, 400, 'REQUEST_BODY_INVALID'],
    ['a JSON number', { body: '5' }, 400, 'REQUEST_BODY_INVALID'],
    ['JSON null', { body: 'null' }, 400, 'REQUEST_BODY_INVALID'],
    ['JSON nested too deep', { body: '['.repeat(100) + ']'.repeat(100) }, 400, 'REQUEST_BODY_INVALID'],
    ['an object nested too deep', { body: '{"a":'.repeat(100) + '1' + '}'.repeat(100) }, 400, 'REQUEST_BODY_INVALID'],
    ['ttl 0', { query: '?ttl=0' }, 400, 'TTL_INVALID'],
    ['ttl 3601', { query: '?ttl=3601' }, 400, 'TTL_INVALID'],
    ['ttl not a number', { query: '?ttl=abc' }, 400, 'TTL_INVALID'],
    ['ttl a fraction', { body: { ttl: 1.5 } }, 400, 'TTL_INVALID'],
    ['ttl true', { body: { ttl: true } }, 400, 'TTL_INVALID'],
    ['ttl null', { body: { ttl: null } }, 400, 'TTL_INVALID'],
    ['retry_limit 0', { query: '?retry_limit=0' }, 400, 'RETRY_INVALID'],
    ['retry_limit 61', { body: { retry_limit: 61 } }, 400, 'RETRY_INVALID'],
    ['retry_limit empty', { query: '?retry_limit=' }, 400, 'RETRY_INVALID'],
    ['code_length 0', { query: '?code_length=0' }, 400, 'CODE_INVALID'],
    ['code_length 11', { body: { code_length: '11' } }, 400, 'CODE_INVALID'],
    ['several wrong: the first in the table wins', { query: '?code_length=0&retry_limit=0&ttl=0' }, 400, 'TTL_INVALID'],
    ['strict_validation not a boolean', { query: '?strict_validation=maybe' }, 400, 'REQUEST_BODY_INVALID'],
    ['use_alpha_numeric not a boolean', { body: { use_alpha_numeric: 2 } }, 400, 'REQUEST_BODY_INVALID'],
  ]
  it.each(table)('answers %s with %i %s', async (_, request, status, message) => {
    const answer = await call(generate, `/${request.query ?? ''}`, { headers: request.headers ?? auth, body: request.body })
    expect({ status: answer.status, body: answer.body }).toEqual({ status, body: envelope(status, message) })
  })
})

describe('GET /{uuid}/{otp}', () => {
  it('verifies a code once, then answers OTP_EXPIRED', async () => {
    const generated = await make()
    expect(await check(generated)).toMatchObject({ status: 200, body: envelope(200, 'OTP_VERIFIED') })
    expect(await check(generated)).toMatchObject({ status: 401, body: envelope(401, 'OTP_EXPIRED') })
  })

  it('answers OTP_INVALID for a wrong code and OTP_ATTEMPTS once the tries are used up', async () => {
    const generated = await make('?retry_limit=2')
    const wrongCode = generated.otp === '000000' ? '000001' : '000000'
    expect((await check(generated, wrongCode)).body).toEqual(envelope(401, 'OTP_INVALID'))
    expect((await check(generated, wrongCode)).body).toEqual(envelope(401, 'OTP_INVALID'))
    expect(await check(generated)).toMatchObject({ status: 401, body: envelope(401, 'OTP_ATTEMPTS') })
  })

  it('answers OTP_EXPIRED once the ttl has passed', async () => {
    later(0)
    const generated = await make('?ttl=1')
    later(1)
    expect(await check(generated)).toMatchObject({ status: 401, body: envelope(401, 'OTP_EXPIRED') })
  })

  it('compares alphanumeric codes without regard to case', async () => {
    const generated = await make('?use_alpha_numeric=1&code_length=8')
    expect((await check(generated, generated.otp.toLowerCase())).status).toBe(200)
  })

  it('answers OTP_EXPIRED for an unknown UUID, NOT_FOUND for a path that is no UUID, OTP_MISSING for a blank code', async () => {
    expect((await check({ uuid: randomUUID(), otp: '123456' })).body).toEqual(envelope(401, 'OTP_EXPIRED'))
    expect((await check({ uuid: 'not-a-uuid', otp: '123456' })).body).toEqual(envelope(404, 'NOT_FOUND'))
    expect((await check({ uuid: randomUUID(), otp: ' ' })).body).toEqual(envelope(400, 'OTP_MISSING'))
  })

  it('accepts the UUID in upper case', async () => {
    const generated = await make()
    expect((await check({ ...generated, uuid: generated.uuid.toUpperCase() })).status).toBe(200)
  })

  describe('strict_validation', () => {
    const data = {
      'lowecase tag': 'Value',
      'UPPERCASE TAG': 'VALUE',
      Keys: { 'Key 1': 'Val 1', 'Key 3': { 'SubKey3-2': 'Val 3-2', 'SubKey3-1': 'Val 3-1' } },
    }

    it('accepts the same JSON body whatever its key order and whitespace', async () => {
      const generated = await make('?strict_validation=true', data)
      const reordered = `{ "Keys": {"Key 3": {"SubKey3-1": "Val 3-1", "SubKey3-2": "Val 3-2"}, "Key 1": "Val 1"},\n "UPPERCASE TAG": "VALUE", "lowecase tag": "Value" }`
      expect(await check(generated, generated.otp, { body: reordered })).toMatchObject({ status: 200, body: envelope(200, 'OTP_VERIFIED') })
    })

    it('answers REQUEST_MISMATCH for another body, using a try', async () => {
      const generated = await make('?strict_validation=true&retry_limit=2', data)
      expect((await check(generated, generated.otp, { body: { ...data, 'UPPERCASE TAG': 'value' } })).body).toEqual(
        envelope(401, 'REQUEST_MISMATCH'),
      )
      expect((await check(generated, generated.otp, { method: 'GET' })).body).toEqual(envelope(401, 'REQUEST_MISMATCH'))
      expect((await check(generated, generated.otp, { body: data })).body).toEqual(envelope(401, 'OTP_ATTEMPTS'))
    })

    it('reads a GET body that scripts/server.mjs passed on in its header', async () => {
      const generated = await make('?strict_validation=true&retry_limit=3', data)
      const viaServer = (body: unknown) =>
        call(verifyGet, `/${generated.uuid}/${generated.otp}`, {
          method: 'GET',
          params: { uuid: generated.uuid, otp: generated.otp },
          headers: { [GET_BODY_HEADER]: Buffer.from(JSON.stringify(body)).toString('base64') },
        })
      expect((await viaServer({ other: true })).body).toEqual(envelope(401, 'REQUEST_MISMATCH'))
      expect(await viaServer(data)).toMatchObject({ status: 200, body: envelope(200, 'OTP_VERIFIED') })
    })

    it('binds the whole body when the parameters travel in it', async () => {
      const body = { strict_validation: true, ttl: 120, order: 42 }
      const generated = await make('', body)
      expect((await check(generated, generated.otp, { body: { order: 42 } })).body).toEqual(envelope(401, 'REQUEST_MISMATCH'))
      expect((await check(generated, generated.otp, { body: { order: 42, ttl: 120, strict_validation: true } })).status).toBe(200)
    })

    it('treats no body as {} and ignores bodies when strict_validation is off', async () => {
      const strictEmpty = await make('?strict_validation=true')
      expect((await check(strictEmpty, strictEmpty.otp, { body: {} })).status).toBe(200)
      const lax = await make('', { anything: 1 })
      expect((await check(lax, lax.otp, { body: { something: 'else' } })).status).toBe(200)
    })

    it('answers JSON_INVALID and REQUEST_BODY_INVALID for bad verify bodies, without using a try', async () => {
      const generated = await make('?strict_validation=true&retry_limit=1')
      expect((await check(generated, generated.otp, { body: '{"a":' })).body).toEqual(envelope(400, 'JSON_INVALID'))
      expect((await check(generated, generated.otp, { body: '[]' })).body).toEqual(envelope(400, 'REQUEST_BODY_INVALID'))
      expect((await check(generated, generated.otp, { body: {} })).status).toBe(200)
    })
  })

  it('lets exactly one of 40 parallel right answers through', async () => {
    const generated = await make()
    const answers = await Promise.all(Array.from({ length: 40 }, () => check(generated)))
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1)
    expect(answers.filter((answer) => (answer.body as { message: string }).message === 'OTP_EXPIRED')).toHaveLength(39)
  })

  it('counts exactly retry_limit of 40 parallel wrong answers', async () => {
    const generated = await make('?retry_limit=5')
    const wrongCode = generated.otp === '000000' ? '000001' : '000000'
    const answers = await Promise.all(Array.from({ length: 40 }, () => check(generated, wrongCode)))
    const messages = answers.map((answer) => (answer.body as { message: string }).message)
    expect(messages.filter((message) => message === 'OTP_INVALID')).toHaveLength(5)
    expect(messages.filter((message) => message === 'OTP_ATTEMPTS')).toHaveLength(35)
    expect((await db.otpChallenge.findUniqueOrThrow({ where: { id: generated.uuid } })).attempts).toBe(5)
    expect((await check(generated)).body).toEqual(envelope(401, 'OTP_ATTEMPTS'))
  })

  it('answers TOO_MANY_REQUESTS past the per-IP limit', async () => {
    const restoreLimit = setEnv({ RATE_LIMIT_IP_PER_MINUTE: 2 })
    try {
      const generated = { uuid: randomUUID(), otp: '1' }
      const ip = '198.51.100.4'
      const answers = [await check(generated, '1', { ip }), await check(generated, '1', { ip }), await check(generated, '1', { ip })]
      expect(answers.map((answer) => answer.status)).toEqual([401, 401, 429])
      expect(answers[2]!.body).toEqual(envelope(429, 'TOO_MANY_REQUESTS'))
      expect(answers[2]!.headers.get('retry-after')).toMatch(/^\d+$/)
    } finally {
      restoreLimit()
    }
  })
})
