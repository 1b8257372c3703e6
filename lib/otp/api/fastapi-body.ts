// Request bodies of the FastAPI seeds (001, 003): FastAPI answers JSON it cannot decode with 422
// and a `json_invalid` entry, like any other schema violation, so their clients see one shape.
import type { z } from 'zod'
import { parseJsonBody } from '@/lib/http/body'
import { ApiError } from '@/lib/http/errors'

export async function parseFastApiBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  try {
    return await parseJsonBody(request, schema)
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid_json') {
      throw new ApiError('unprocessable', 'JSON decode error', {
        detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error' }],
      })
    }
    throw error
  }
}
