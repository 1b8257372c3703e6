import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError } from './errors'
import { parseJsonBody, readJson } from './body'

const post = (body: string) => new Request('http://x/', { method: 'POST', body })

describe('readJson', () => {
  it('parses JSON and reads an empty body as the given value', async () => {
    expect(await readJson(post('{"a":1}'))).toEqual({ a: 1 })
    expect(await readJson(post(''), {})).toEqual({})
  })

  it.each(['{', '{"a":}', 'nope', '{"a":1}}'])('turns %j into a 400', async (text) => {
    const error = await readJson(post(text)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(400)
    expect((error as ApiError).code).toBe('invalid_json')
  })
})

describe('parseJsonBody', () => {
  const schema = z.object({ name: z.string() })

  it('returns the parsed body', async () => {
    expect(await parseJsonBody(post('{"name":"x"}'), schema)).toEqual({ name: 'x' })
  })

  it('reports schema violations with their issues', async () => {
    const error = (await parseJsonBody(post('{"name":1}'), schema).catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(422)
    expect(error.options.issues?.[0]?.path).toEqual(['name'])
  })
})
