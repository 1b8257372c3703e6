// NUL characters in what a client sends: PostgreSQL cannot store them in text and fails the whole
// statement, which would reach the client as a 500 (and SQLite would store them, to break CSV
// exports and logs later). Every route's params, query and body are checked here before their
// schemas (lib/http/route.ts), and the hot path's statements check what they are handed
// (lib/db/statements/refuse-nul.ts): a 400 in the API's own style on both databases alike.
import { ApiError } from './errors'

export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some(containsNul)
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return Object.values(value).some(containsNul)
  return false
}

export function nulRefused(): ApiError {
  return new ApiError('bad_request', 'Text may not contain NUL characters')
}

/** Throws the 400 when `value` (a parsed body, the query or the path parameters) holds a NUL anywhere. */
export function refuseNul(value: unknown): void {
  if (containsNul(value)) throw nulRefused()
}
