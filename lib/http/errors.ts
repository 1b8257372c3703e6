// The one error table: every failure an API can answer with, and its HTTP status. Each API style
// (lib/http/styles.ts) renders an ApiError in its own shape; nothing else builds error responses.
import type { z } from 'zod'

export const errorStatus = {
  invalid_json: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  gone: 410,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  provider_failed: 502,
  unavailable: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export interface ApiErrorOptions {
  /** Overrides the table's status, for APIs whose documented answer differs (seed 004's 401s). */
  status?: number
  headers?: Record<string, string>
  /** A style-specific body part (FastAPI's `detail` object, seed 004's `info`). */
  detail?: unknown
  /** Schema violations, rendered by each style in its own way. */
  issues?: z.core.$ZodIssue[]
}

export class ApiError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: ApiErrorOptions = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = options.status ?? errorStatus[code]
  }
}

export function rateLimited(retryAfterSeconds: number, message = 'Too many requests') {
  return new ApiError('rate_limited', message, {
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  })
}
