// Request parsing shared by every endpoint: broken JSON is a 400, a schema violation carries its
// zod issues (each API style renders them its own way).
import type { z } from 'zod'
import { ApiError } from './errors'
import { GET_BODY_HEADER, GET_BODY_TOO_LARGE_HEADER } from './get-body'

/** Bodies larger than this are refused unread: every API here takes a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024

function tooLarge(limit: number) {
  return new ApiError('payload_too_large', `The request body is larger than ${Math.round(limit / 1024)} KiB`)
}

/**
 * Bodies the production dispatcher (lib/dispatch) already read off the socket, by request. A Web
 * Request built with a body sets up a ReadableStream for it, which cost a tenth of a hot-path POST;
 * every handler reads its body here, so the dispatcher hands the bytes over directly instead.
 */
const preReadBodies = new WeakMap<Request, Uint8Array>()

/** Gives `request` its body as bytes already read (at most MAX_BODY_BYTES + 1 of them). */
export function withPreReadBody(request: Request, body: Uint8Array): Request {
  preReadBodies.set(request, body)
  return request
}

/**
 * The body as text, read at most `limit` bytes far: a client cannot make the server hold more in
 * memory. Through the dispatcher every body comes pre-read; through Next, a GET's comes in
 * scripts/server.mjs's header (Next drops GET bodies).
 */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const preRead = preReadBodies.get(request)
  if (preRead) {
    if (preRead.byteLength > limit) throw tooLarge(limit)
    return Buffer.from(preRead.buffer, preRead.byteOffset, preRead.byteLength).toString('utf8')
  }
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (request.headers.get(GET_BODY_TOO_LARGE_HEADER)) throw tooLarge(limit)
    const forwarded = request.headers.get(GET_BODY_HEADER)
    return forwarded ? Buffer.from(forwarded, 'base64').toString('utf8') : ''
  }
  if (Number(request.headers.get('content-length')) > limit) throw tooLarge(limit)
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel()
        throw tooLarge(limit)
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError('invalid_json', 'The request body could not be read')
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Reads a JSON body. An empty body reads as `emptyValue`; anything unparseable is a 400. */
export async function readJson(request: Request, emptyValue: unknown = undefined): Promise<unknown> {
  const text = await readBodyText(request)
  if (text.trim() === '') return emptyValue
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON')
  }
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code: 'unprocessable' | 'bad_request' = 'unprocessable',
): z.infer<S> {
  const result = schema.safeParse(input)
  if (!result.success) {
    throw new ApiError(code, 'The request does not match the schema', { issues: result.error.issues })
  }
  return result.data
}

/** Reads and validates a JSON body in one step. */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  code: 'unprocessable' | 'bad_request' = 'unprocessable',
): Promise<z.infer<S>> {
  return parseWith(schema, await readJson(request), code)
}
