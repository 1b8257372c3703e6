// PostgreSQL cannot store NUL characters in text and fails the whole statement with an error, which
// would reach clients as a 500. Every value a client sends to the hot path passes through these
// statements, so they refuse NUL up front as the caller's 400, on both databases alike.
import { ApiError } from '@/lib/http/errors'
import type { HotStatements } from './types'

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some(containsNul)
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return Object.values(value).some(containsNul)
  return false
}

export function refusingNul(statements: HotStatements): HotStatements {
  const guarded: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(statements)) {
    guarded[name] =
      typeof member === 'function'
        ? (...args: unknown[]) =>
            args.some(containsNul)
              ? Promise.reject(new ApiError('bad_request', 'Text may not contain NUL characters'))
              : (member as (...a: unknown[]) => unknown)(...args)
        : member
  }
  return guarded as unknown as HotStatements
}
