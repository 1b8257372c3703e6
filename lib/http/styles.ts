// How each API family answers errors. The seeds' clients match on these shapes, so they are kept:
// - fastapi: seeds 000, 001 and 003 (`{"detail": …}`, 422 with a list for schema violations);
// - envelope: seed 004 (`{"status", "message", "info"}`);
// - app: QR Door's own API under /api (`{"error": {"code", "message"}}`).
import type { z } from 'zod'
import { ApiError } from './errors'

export type ApiStyle = 'fastapi' | 'envelope' | 'app'

/**
 * The JSON text of responses made by json(), by response. The production dispatcher (lib/dispatch)
 * writes it to the socket as it is, instead of reading it back out of the Response's body stream,
 * which cost about a twentieth of a hot-path request. Next reads the stream as usual.
 */
const serializedBodies = new WeakMap<Response, string>()

export function serializedBody(response: Response): string | undefined {
  return serializedBodies.get(response)
}

export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  const text = JSON.stringify(body)
  const response = new Response(text, {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  })
  serializedBodies.set(response, text)
  return response
}

function fastApiIssues(issues: z.core.$ZodIssue[], location: string) {
  return issues.map((issue) => ({
    type: issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'missing' : issue.code,
    loc: [location, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
    msg: /received undefined/.test(issue.message) ? 'Field required' : issue.message,
  }))
}

/** Seed 004's message for errors that its README's table does not name. */
const envelopeMessages: Partial<Record<ApiError['code'], string>> = {
  invalid_json: 'JSON_INVALID',
  bad_request: 'REQUEST_BODY_INVALID',
  unprocessable: 'REQUEST_BODY_INVALID',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  method_not_allowed: 'METHOD_NOT_ALLOWED',
  payload_too_large: 'REQUEST_BODY_INVALID',
  rate_limited: 'TOO_MANY_REQUESTS',
  internal: 'INTERNAL_ERROR',
  provider_failed: 'PROVIDER_FAILED',
  unavailable: 'SERVICE_UNAVAILABLE',
}

export function renderError(style: ApiStyle, error: ApiError): Response {
  const { status, code, message, options } = error
  const headers = options.headers
  if (style === 'fastapi') {
    if (options.issues) return json({ detail: fastApiIssues(options.issues, 'body') }, status, headers)
    return json({ detail: options.detail ?? message }, status, headers)
  }
  if (style === 'envelope') {
    const envelopeMessage = /^[A-Z_]+$/.test(message) ? message : (envelopeMessages[code] ?? 'ERROR')
    return json({ status, message: envelopeMessage, info: options.detail ?? {} }, status, headers)
  }
  return json(
    {
      error: {
        code,
        message,
        ...(options.detail !== undefined ? { details: options.detail } : {}),
        ...(options.issues ? { issues: options.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } : {}),
      },
    },
    status,
    headers,
  )
}
