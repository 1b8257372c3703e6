// Request parsing shared by every endpoint: broken JSON is a 400, a schema violation carries its
// zod issues (each API style renders them its own way).
import type { z } from 'zod'
import { ApiError } from './errors'

/** Reads a JSON body. An empty body reads as `emptyValue`; anything unparseable is a 400. */
export async function readJson(request: Request, emptyValue: unknown = undefined): Promise<unknown> {
  let text: string
  try {
    text = await request.text()
  } catch {
    throw new ApiError('invalid_json', 'The request body could not be read')
  }
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
