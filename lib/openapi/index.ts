// The API's one OpenAPI document, served at /openapi.json and rendered at /docs and /redoc.
import packageJson from '@/package.json'
import { buildOpenApiDocument, type OpenApiDocument } from './document'
import { adminOperations } from './operations/admin'
import { adminAccessOperations } from './operations/admin-access'
import { adminConsoleOperations } from './operations/admin-console'
import { appOperations } from './operations/app'
import { doorOperations } from './operations/door'
import { eventsOperations } from './operations/events'
import { seed001Operations } from './operations/seed001'
import { seed003Operations } from './operations/seed003'
import { seed004Operations } from './operations/seed004'
import { serviceOperations } from './operations/service'
import type { OperationDoc } from './types'

export const operations: readonly OperationDoc[] = [
  ...serviceOperations,
  ...doorOperations,
  ...seed001Operations,
  ...seed003Operations,
  ...seed004Operations,
  ...appOperations,
  ...adminOperations,
  ...adminAccessOperations,
  ...adminConsoleOperations,
  ...eventsOperations,
]

/**
 * Routes that answer HTTP but are not part of the API: the documentation's own pages and files.
 * The coverage test accepts these, and only these, as undocumented.
 */
export const undocumentedRoutes: readonly { path: string; reason: string }[] = [
  { path: '/docs', reason: 'Swagger UI page' },
  { path: '/redoc', reason: 'Redoc page' },
  { path: '/docs/assets/{file}', reason: 'Swagger UI and Redoc browser files' },
]

const description = `One-time codes by e-mail and SMS, rotating QR door passes and door kiosks.

QR Door serves the APIs of four older OTP services at their documented paths, with their request and response shapes, status codes and messages, and adds its own admin API under \`/api/admin\`. Each family answers errors in its own style: FastAPI's \`{"detail": …}\` (seeds 000, 001, 003; 422 with a list when a field is missing or mistyped), seed 004's \`{status, message, info}\` envelope, and \`{"error": {"code", "message"}}\` under \`/api\`.

**Credentials.** Public: requesting and verifying login codes (seeds 001, 003), verifying a UUID code, \`/health\`. A signed-in user's session cookie reaches their own door pass and state; a kiosk token \`/validate\`; an API key (\`Authorization: Bearer …\`) everything. Missing or wrong credentials answer 401, valid ones without the right 403.

**Rate limits.** Public endpoints are limited per IP and per phone number, e-mail or user id; a limited request gets 429 with \`Retry-After\`.

**Demo mode.** With no e-mail or SMS provider configured, responses that create a code also carry it (\`otp\`).`

let cached: OpenApiDocument | undefined

export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument({ operations, version: packageJson.version, description })
  return cached
}
