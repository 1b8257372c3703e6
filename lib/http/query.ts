// Query-string parsing for GET endpoints: a bad parameter is the caller's 400, with zod's issues.
import type { z } from 'zod'
import { parseWith } from './body'

/** Validates the request's query parameters; a repeated parameter counts with its last value. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  return parseWith(schema, Object.fromEntries(new URL(request.url).searchParams), 'bad_request')
}
