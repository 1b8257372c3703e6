// Seed 000 ran on FastAPI, which answered an invalid path parameter with 422 and its
// `{"detail": [{"loc": ["path", …], …}]}` list; lib/http renders schema issues as body issues.
import type { z } from 'zod'
import { ApiError } from '@/lib/http/errors'

export function parseFastApiPathParams<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  const result = schema.safeParse(params)
  if (result.success) return result.data
  throw new ApiError('unprocessable', 'Invalid path parameter', {
    detail: result.error.issues.map((issue) => ({
      type: issue.code,
      loc: ['path', ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
      msg: issue.message,
    })),
  })
}
