// PostgreSQL cannot store NUL characters in text and fails the whole statement with an error, which
// would reach clients as a 500. Every value a client sends to the hot path passes through these
// statements, so they refuse NUL up front as the caller's 400, on both databases alike.
import { containsNul, nulRefused } from '@/lib/http/nul'
import type { HotStatements } from './types'

export function refusingNul(statements: HotStatements): HotStatements {
  const guarded: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(statements)) {
    guarded[name] =
      typeof member === 'function'
        ? (...args: unknown[]) =>
            args.some(containsNul) ? Promise.reject(nulRefused()) : (member as (...a: unknown[]) => unknown)(...args)
        : member
  }
  return guarded as unknown as HotStatements
}
