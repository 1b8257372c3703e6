// Response documentation in each API family's own error shape (lib/http/styles.ts), so that every
// operation lists its failures with the exact bodies clients match on.
import { z } from 'zod'
import type { Example, ResponseDoc } from './types'

const retryAfter = {
  'Retry-After': { description: 'Seconds until the limit resets', schema: { type: 'integer', minimum: 1 } },
}

function examplesOf(values: Record<string, unknown>): Record<string, Example> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }]))
}

export function ok(description: string, schema: z.ZodType, examples: Record<string, unknown>): ResponseDoc {
  return { description, schema, examples: examplesOf(examples) }
}

// --- FastAPI style (seeds 000, 001, 003) --------------------------------------------------------

export const fastApiDetailSchema = z.object({ detail: z.string() }).meta({ id: 'FastApiDetail' })

export const fastApiValidationSchema = z
  .object({
    detail: z.array(
      z.object({
        loc: z.array(z.union([z.string(), z.number()])),
        msg: z.string(),
        type: z.string(),
      }),
    ),
  })
  .meta({ id: 'FastApiValidationError', description: 'A field is missing or has the wrong type' })

export const fastApi = {
  detail(description: string, messages: Record<string, string>): ResponseDoc {
    return {
      description,
      schema: fastApiDetailSchema,
      examples: examplesOf(Object.fromEntries(Object.entries(messages).map(([k, m]) => [k, { detail: m }]))),
    }
  },
  validation(loc: (string | number)[], msg = 'Field required', type = 'missing'): ResponseDoc {
    return {
      description: 'The request breaks the schema',
      schema: fastApiValidationSchema,
      examples: examplesOf({ [loc.join('.')]: { detail: [{ loc, msg, type }] } }),
    }
  },
  unauthorized(): ResponseDoc {
    return fastApi.detail('Missing or invalid credentials', { unauthorized: 'Missing or invalid credentials' })
  },
  forbidden(message = 'These credentials may not use this endpoint'): ResponseDoc {
    return fastApi.detail('The credentials are valid but may not do this', { forbidden: message })
  },
  rateLimited(message = 'Too many requests'): ResponseDoc {
    return { ...fastApi.detail('Rate limited', { rate_limited: message }), headers: retryAfter }
  },
}

// --- Seed 004's envelope ------------------------------------------------------------------------

export const envelopeSchema = z
  .object({
    status: z.int().describe('The HTTP status, repeated'),
    message: z.string().describe('OTP_GENERATED, OTP_VERIFIED, OTP_INVALID, …'),
    info: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Envelope', description: 'Every seed-004 answer: `{status, message, info}`' })

export const envelope = {
  response(description: string, status: number, messages: string[], info: Record<string, unknown> = {}): ResponseDoc {
    return {
      description,
      schema: envelopeSchema,
      examples: examplesOf(Object.fromEntries(messages.map((message) => [message, { status, message, info }]))),
      ...(status === 429 ? { headers: retryAfter } : {}),
    }
  },
}

// --- QR Door's own API (/api) -------------------------------------------------------------------

export const appErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('A key of the error table: bad_request, unauthorized, not_found, …'),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'AppError' })

export const app = {
  error(description: string, code: string, message: string, extra: Record<string, unknown> = {}): ResponseDoc {
    return {
      description,
      schema: appErrorSchema,
      examples: examplesOf({ [code]: { error: { code, message, ...extra } } }),
      ...(code === 'rate_limited' ? { headers: retryAfter } : {}),
    }
  },
  unauthorized: () => app.error('Missing or invalid credentials', 'unauthorized', 'Missing or invalid credentials'),
  forbidden: () => app.error('The credentials are valid but may not do this', 'forbidden', 'These credentials may not use this endpoint'),
  /** Changes made with the session cookie: the wrong kind of caller, or a page of another site. */
  forbiddenChange: (): ResponseDoc => ({
    description: 'The credentials may not do this, or the session cookie came with a change from another site (no `Origin` of this host)',
    schema: appErrorSchema,
    examples: examplesOf({
      forbidden: { error: { code: 'forbidden', message: 'These credentials may not use this endpoint' } },
      cross_site: { error: { code: 'forbidden', message: 'Cross-site request refused' } },
    }),
  }),
  crossSite: () =>
    app.error(
      'The session cookie came with a change from another site (no `Origin` of this host)',
      'forbidden',
      'Cross-site request refused',
    ),
  rateLimited: () => app.error('Rate limited', 'rate_limited', 'Too many requests'),
  invalid: (path: string, message: string) =>
    app.error('The body breaks the schema', 'unprocessable', 'The request does not match the schema', {
      issues: [{ path, message }],
    }),
}
