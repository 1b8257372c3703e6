// Wraps a route handler so that every thrown error becomes a response in the route's API style.
// Unexpected errors are logged with a reference and answered without internals.
import { randomUUID } from 'node:crypto'
import { ApiError } from './errors'
import { renderError, type ApiStyle } from './styles'

export type RouteContext<P = Record<string, string>> = { params: Promise<P> }

/**
 * The database gave up waiting (PostgreSQL's statement time-out, 57014, or no free connection in
 * the pool's wait limit): a busy store, not a bug, so the answer is 503 with a retry hint.
 */
function isDatabaseBusy(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return code === '57014' || (typeof message === 'string' && message.includes('timeout exceeded when trying to connect'))
}

export function toErrorResponse(style: ApiStyle, error: unknown): Response {
  if (error instanceof ApiError) return renderError(style, error)
  if (isDatabaseBusy(error) || isDatabaseBusy((error as { cause?: unknown } | null)?.cause)) {
    console.warn('[qr-door] database busy:', (error as Error).message)
    return renderError(style, new ApiError('unavailable', 'The database is busy: try again shortly', { headers: { 'Retry-After': '5' } }))
  }
  const reference = randomUUID()
  console.error(`[qr-door] unexpected error ${reference}:`, error)
  return renderError(style, new ApiError('internal', `Internal error (reference ${reference})`))
}

/** A route handler made by apiHandler: the production dispatcher reads its style for the errors it answers itself. */
export type ApiRouteHandler<P> = ((request: Request, context: RouteContext<P>) => Promise<Response>) & {
  readonly apiStyle: ApiStyle
}

export function apiHandler<P = Record<string, string>>(
  style: ApiStyle,
  handle: (request: Request, context: RouteContext<P>) => Promise<Response>,
): ApiRouteHandler<P> {
  const handler = async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      return await handle(request, context)
    } catch (error) {
      return toErrorResponse(style, error)
    }
  }
  return Object.assign(handler, { apiStyle: style })
}
