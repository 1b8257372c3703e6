// The shape of one documented endpoint. Request parts are the zod schemas the handlers parse with,
// imported from each API's schema module, so the document cannot drift from the validation.
import type { z } from 'zod'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

export const httpMethods: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete']

/** How a caller proves itself (SPEC "Who may call what"); names of the document's security schemes. */
export type AuthScheme = 'apiKey' | 'kioskToken' | 'session'

export const tags = {
  service: { name: 'Service', description: 'Health and this documentation.' },
  door: {
    name: 'Door passes (seed 000)',
    description:
      'Rotating QR door passes: `<base32(user_id)>_<6-digit TOTP>`, scanned by kiosks. FastAPI-style errors (`{"detail": …}`, 422 with a list for schema violations).',
  },
  phone: {
    name: 'Phone login codes (seed 001)',
    description:
      '4-digit codes sent by SMS to an E.164 phone number: 5 min expiry, resend after 60 s, 3 wrong tries end a code. FastAPI-style errors.',
  },
  sendVerify: {
    name: 'Send / verify code (seed 003)',
    description:
      '6-digit codes by SMS or e-mail for a user id: 5 min expiry, 3 tries, consumed on success. FastAPI-style errors with `detail.error_type`.',
  },
  uuid: {
    name: 'UUID codes (seed 004)',
    description:
      'Codes addressed by a UUID, every answer in the `{status, message, info}` envelope. Parameters of `POST /` go in the query string or the JSON body.',
  },
  app: {
    name: 'Sign-in, pass and kiosk',
    description: 'The JSON endpoints behind the `/login`, `/pass` and `/kiosk` pages. Errors as `{"error": {"code", "message"}}`.',
  },
  admin: {
    name: 'Admin API',
    description:
      'QR Door’s own management API for users, kiosks, the access log, API keys and the outbox. Errors as `{"error": {"code", "message"}}`.',
  },
  events: {
    name: 'Door control and events',
    description:
      'Remote unlock, webhook endpoints and their deliveries, the door events’ outbox, and the kiosks’ heartbeat. Grants also go out over MQTT (`<prefix>/doors/{doorId}/unlock`, `/events`, retained `/state`; QoS 1): see the README and docs/door-hardware.md. Webhook deliveries are POSTs of `{id, type, createdAt, data}` signed in `X-QRDoor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Errors as `{"error": {"code", "message"}}`.',
  },
} as const

export type TagKey = keyof typeof tags

export interface Example {
  summary?: string
  value: unknown
}

export interface ResponseDoc {
  description: string
  /** Documentation-only description of the body; checked against the examples by the tests. */
  schema?: z.ZodType
  /** Named examples; the names show in Swagger UI's example picker. */
  examples?: Record<string, Example>
  headers?: Record<string, { description: string; schema: Record<string, unknown> }>
  /** Defaults to application/json. */
  contentType?: string
}

export interface OperationDoc {
  operationId: string
  method: HttpMethod
  /** OpenAPI path template, e.g. `/otp/{user_id}`. */
  path: string
  /**
   * The app route that answers, when it is not `path` itself: `POST /` is routed by proxy.ts to an
   * internal route because the page at `/` owns that path in the App Router.
   */
  servedBy?: string
  tag: TagKey
  summary: string
  description?: string
  /** Any one of these is enough; empty means public. */
  security: AuthScheme[]
  params?: z.ZodObject
  query?: z.ZodObject
  body?: {
    schema: z.ZodType
    required?: boolean
    description?: string
    examples?: Record<string, Example>
  }
  /**
   * Request parts the handler checks in code rather than with the schema given here, which then
   * only describes them. The tests hold every other part to the handler's own schema.
   */
  describedOnly?: ('params' | 'query' | 'body')[]
  responses: Record<number, ResponseDoc>
}
