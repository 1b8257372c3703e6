import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiRequestError, fetchJson } from './api-client'

const answer = (response: Response | Error) => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => (response instanceof Error ? Promise.reject(response) : response)),
  )
}

async function thrown(promise: Promise<unknown>): Promise<ApiRequestError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ApiRequestError)
  return error as ApiRequestError
}

afterEach(() => vi.unstubAllGlobals())

describe('fetchJson', () => {
  it('resolves to the body of a 2xx answer', async () => {
    answer(Response.json({ users: [] }))
    await expect(fetchJson('/api/admin/users')).resolves.toEqual({ users: [] })
  })

  it('throws the app error shape as an ApiRequestError with its status and message', async () => {
    answer(
      Response.json(
        { error: { code: 'rate_limited', message: 'Too many requests', details: { limit: 120 } } },
        { status: 429, headers: { 'Retry-After': '7' } },
      ),
    )
    const error = await thrown(fetchJson('/api/admin/users'))
    expect(error.message).toBe('Too many requests')
    expect(error.status).toBe(429)
    expect(error.failure).toMatchObject({ details: { limit: 120 }, retryAfterSeconds: 7 })
  })

  it('keeps the schema issues of a refused request, for the hints by the inputs', async () => {
    const issues = [{ path: 'email', message: 'Invalid email address' }]
    answer(Response.json({ error: { code: 'invalid_request', message: 'The request does not match the schema', issues } }, { status: 422 }))
    expect((await thrown(fetchJson('/api/admin/users'))).failure.issues).toEqual(issues)
  })

  it('says the status when an error has no JSON body', async () => {
    answer(new Response('Bad gateway', { status: 502 }))
    const error = await thrown(fetchJson('/api/admin/users'))
    expect(error).toMatchObject({ status: 502, message: 'The server answered 502. Try again.' })
  })

  it('turns a network failure into status 0 with a message a person can read', async () => {
    answer(new TypeError('fetch failed'))
    const error = await thrown(fetchJson('/api/admin/users'))
    expect(error).toMatchObject({ status: 0, message: 'Cannot reach the server. Check the connection and try again.' })
  })
})
