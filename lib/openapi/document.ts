// Turns the typed operation list into an OpenAPI 3.1 document with zod-openapi: request schemas
// render as their input side (what a client sends), response schemas as their output side, and
// schemas named with `.meta({ id })` become shared components. The list keeps its own shape
// (types.ts) because the tests read it: each request schema against its handler's imports, each
// example against its schema, `servedBy` against the routes.
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiSecuritySchemeObject,
} from 'zod-openapi'
import { httpMethods, tags, type AuthScheme, type OperationDoc, type ResponseDoc } from './types'

export type OpenApiDocument = ReturnType<typeof createDocument>

const securitySchemes = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'API key',
    description:
      '`Authorization: Bearer <api key>`: a key made in the admin console, or `ADMIN_API_KEY` from the environment. May call every endpoint.',
  },
  kioskToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'kiosk token',
    description: '`Authorization: Bearer <kiosk token>`: the token a door kiosk got when an admin paired it.',
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'qrdoor_session',
    description:
      'The browser session cookie set at sign-in (HttpOnly, SameSite=Lax). Users reach their own pass; admins (the admin role) everything an admin may. A change (POST, PUT, PATCH, DELETE) made with it must come from this app’s pages: an `Origin` header naming this host (or, without one, `Sec-Fetch-Site: same-origin`), else 403.',
  },
} satisfies Record<AuthScheme, ZodOpenApiSecuritySchemeObject>

/** zod-openapi reads every key it is given, so a part left out must be absent, not undefined. */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T
}

function response({ description, headers, schema, examples, contentType = 'application/json' }: ResponseDoc) {
  const content = schema || examples ? { [contentType]: defined({ schema, examples }) } : undefined
  return defined({ description, headers, content })
}

function operationObject(operation: OperationDoc): ZodOpenApiOperationObject {
  const { body } = operation
  return defined({
    operationId: operation.operationId,
    summary: operation.summary,
    description: operation.description,
    tags: [tags[operation.tag].name],
    security: operation.security.map((scheme) => ({ [scheme]: [] })),
    requestParams: operation.params || operation.query ? defined({ path: operation.params, query: operation.query }) : undefined,
    requestBody:
      body &&
      defined({
        required: body.required ?? true,
        description: body.description,
        content: { 'application/json': defined({ schema: body.schema, examples: body.examples }) },
      }),
    responses: Object.fromEntries(Object.entries(operation.responses).map(([status, doc]) => [status, response(doc)])),
  })
}

export function buildOpenApiDocument(options: {
  operations: readonly OperationDoc[]
  version: string
  description: string
}): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {}
  for (const operation of options.operations) {
    const item = (paths[operation.path] ??= {})
    const key = `${operation.method.toUpperCase()} ${operation.path}`
    if (item[operation.method]) throw new Error(`OpenAPI: ${key} is documented twice`)
    item[operation.method] = operationObject(operation)
  }
  // Stable order in the UIs: paths as listed, methods in the usual order.
  for (const [path, item] of Object.entries(paths)) {
    paths[path] = Object.fromEntries(httpMethods.filter((m) => m in item).map((m) => [m, item[m]]))
  }
  const usedTags = new Set(options.operations.map((operation) => tags[operation.tag]))
  return createDocument(
    {
      openapi: '3.1.0',
      info: { title: 'QR Door API', version: options.version, description: options.description },
      servers: [{ url: '/', description: 'This QR Door instance' }],
      tags: Object.values(tags).filter((tag) => usedTags.has(tag)),
      paths,
      components: { securitySchemes },
    },
    {
      // zod writes its own regex beside `format` (date-time, email, uuid): the format says it to
      // readers and tools, the 300-character pattern only buries it.
      override: ({ jsonSchema }) => {
        if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern
      },
    },
  )
}
