// Turns the typed operation list into an OpenAPI 3.1 document. OpenAPI 3.1 schemas are JSON
// Schema 2020-12, so zod's own converter is used as is; schemas named with `.meta({ id })` become
// shared components instead of per-schema `$defs` (a `#/$defs/…` ref inside an embedded schema
// would resolve against the document root and break).
import { z } from 'zod'
import { httpMethods, tags, type AuthScheme, type Example, type OperationDoc, type ResponseDoc } from './types'

type JsonSchema = Record<string, unknown>

export interface OpenApiDocument {
  openapi: '3.1.0'
  info: { title: string; version: string; description: string }
  servers: { url: string; description: string }[]
  tags: { name: string; description: string }[]
  paths: Record<string, Record<string, unknown>>
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<AuthScheme, unknown> }
}

const securitySchemes: Record<AuthScheme, unknown> = {
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
}

class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {}

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      // z.custom() and friends document as "any value" rather than failing the whole document.
      unrepresentable: 'any',
      override: ({ jsonSchema }) => {
        // zod writes its own regex beside `format` (date-time, email, uuid): the format says it
        // to readers and tools, the 300-character pattern only buries it.
        if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern
      },
    }) as JsonSchema
    delete json.$schema
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>
    delete json.$defs
    const renames = new Map<string, string>()
    for (const [id, def] of Object.entries(defs)) renames.set(id, this.register(id, def))
    for (const [id, def] of Object.entries(defs)) this.components[renames.get(id)!] = rewriteRefs(def, renames)
    return rewriteRefs(json, renames)
  }

  /** A schema that is only a reference to a component (a named object schema) is that component. */
  resolve(json: JsonSchema): JsonSchema {
    const ref = json.$ref
    if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) return json
    return this.components[ref.slice('#/components/schemas/'.length)] ?? json
  }

  /** Same id and same schema share a component; a different schema under a taken id gets a suffix. */
  private register(id: string, def: JsonSchema): string {
    let name = id
    for (let n = 2; name in this.components && !sameJson(this.components[name], def); n++) name = `${id}${n}`
    return name
  }
}

function sameJson(a: unknown, b: unknown) {
  return JSON.stringify(a) === JSON.stringify(b)
}

function rewriteRefs<T>(value: T, renames: Map<string, string>): T {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames)) as T
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')) {
      const id = inner.slice('#/$defs/'.length)
      out[key] = `#/components/schemas/${renames.get(id) ?? id}`
    } else {
      out[key] = rewriteRefs(inner, renames)
    }
  }
  return out as T
}

function parameters(collector: SchemaCollector, location: 'path' | 'query', schema: z.ZodObject | undefined) {
  if (!schema) return []
  const json = collector.resolve(collector.convert(schema, 'input'))
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((json.required ?? []) as string[])
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    }
  })
}

function examplesObject(examples: Record<string, Example> | undefined) {
  if (!examples) return {}
  return {
    examples: Object.fromEntries(
      Object.entries(examples).map(([name, example]) => [
        name,
        { ...(example.summary ? { summary: example.summary } : {}), value: example.value },
      ]),
    ),
  }
}

function response(collector: SchemaCollector, doc: ResponseDoc) {
  const hasBody = doc.schema || doc.examples
  return {
    description: doc.description,
    ...(doc.headers ? { headers: doc.headers } : {}),
    ...(hasBody
      ? {
          content: {
            [doc.contentType ?? 'application/json']: {
              ...(doc.schema ? { schema: collector.convert(doc.schema, 'output') } : {}),
              ...examplesObject(doc.examples),
            },
          },
        }
      : {}),
  }
}

function operationObject(collector: SchemaCollector, operation: OperationDoc) {
  const params = [
    ...parameters(collector, 'path', operation.params),
    ...parameters(collector, 'query', operation.query),
  ]
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [tags[operation.tag].name],
    security: operation.security.map((scheme) => ({ [scheme]: [] })),
    ...(params.length ? { parameters: params } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: operation.body.required ?? true,
            ...(operation.body.description ? { description: operation.body.description } : {}),
            content: {
              'application/json': {
                schema: collector.convert(operation.body.schema, 'input'),
                ...examplesObject(operation.body.examples),
              },
            },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(operation.responses).map(([status, doc]) => [status, response(collector, doc)]),
    ),
  }
}

export function buildOpenApiDocument(options: {
  operations: readonly OperationDoc[]
  version: string
  description: string
}): OpenApiDocument {
  const collector = new SchemaCollector()
  const paths: OpenApiDocument['paths'] = {}
  const seen = new Set<string>()
  for (const operation of options.operations) {
    const key = `${operation.method.toUpperCase()} ${operation.path}`
    if (seen.has(key)) throw new Error(`OpenAPI: ${key} is documented twice`)
    seen.add(key)
    paths[operation.path] ??= {}
    paths[operation.path]![operation.method] = operationObject(collector, operation)
  }
  // Stable order in the UIs: paths as listed, methods in the usual order.
  for (const [path, item] of Object.entries(paths)) {
    paths[path] = Object.fromEntries(httpMethods.filter((m) => m in item).map((m) => [m, item[m]]))
  }
  const usedTags = new Set(options.operations.map((operation) => operation.tag))
  return {
    openapi: '3.1.0',
    info: {
      title: 'QR Door API',
      version: options.version,
      description: options.description,
    },
    servers: [{ url: '/', description: 'This QR Door instance' }],
    tags: Object.entries(tags)
      .filter(([key]) => usedTags.has(key as keyof typeof tags))
      .map(([, tag]) => ({ ...tag })),
    paths,
    components: { schemas: collector.components, securitySchemes },
  }
}
