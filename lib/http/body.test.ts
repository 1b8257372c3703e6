import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError } from './errors'
import { MAX_BODY_BYTES, parseJsonBody, readBodyText, readJson, withPreReadBody } from './body'
import { GET_BODY_HEADER, GET_BODY_TOO_LARGE_HEADER } from './get-body'

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

describe('readBodyText', () => {
  it('refuses a body over the limit, declared or streamed', async () => {
    const big = 'x'.repeat(1000)
    const declared = new Request('http://x/', { method: 'POST', body: big, headers: { 'content-length': '1000' } })
    await expect(readBodyText(declared, 100)).rejects.toMatchObject({ status: 413, code: 'payload_too_large' })
    const streamed = new Request('http://x/', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(big))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    await expect(readBodyText(streamed, 5000)).rejects.toMatchObject({ status: 413 })
    expect(await readBodyText(post('small'), 100)).toBe('small')
  })

  it('reads a GET body from the server header, and its too-large mark', async () => {
    const get = (headers: Record<string, string>) => new Request('http://x/', { headers })
    expect(await readBodyText(get({ [GET_BODY_HEADER]: Buffer.from('{"a":1}').toString('base64') }))).toBe('{"a":1}')
    expect(await readBodyText(get({}))).toBe('')
    await expect(readBodyText(get({ [GET_BODY_TOO_LARGE_HEADER]: '1' }))).rejects.toMatchObject({ status: 413 })
  })
})

describe('bodies the dispatcher read already', () => {
  it('are read from the bytes handed over, and refused past the limit', async () => {
    const request = withPreReadBody(new Request('http://x/', { method: 'POST' }), Buffer.from('{"a":"é"}'))
    expect(await readJson(request)).toEqual({ a: 'é' })
    const large = withPreReadBody(new Request('http://x/', { method: 'POST' }), new Uint8Array(MAX_BODY_BYTES + 1))
    await expect(readBodyText(large)).rejects.toMatchObject({ status: 413 })
  })

  it('include a GET body, which a Web Request cannot carry', async () => {
    const request = withPreReadBody(new Request('http://x/'), Buffer.from('{"user_id":"u1"}'))
    expect(await readJson(request)).toEqual({ user_id: 'u1' })
    const large = withPreReadBody(new Request('http://x/'), new Uint8Array(MAX_BODY_BYTES + 1))
    await expect(readBodyText(large)).rejects.toMatchObject({ status: 413 })
  })
})
