import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { buildOpenApiDocument } from './document'
import type { OperationDoc } from './types'

const phone = z
  .string()
  .regex(/^\+\d+$/)
  .meta({ id: 'TestPhone', description: 'E.164' })

const base: OperationDoc = {
  operationId: 'verify',
  method: 'post',
  path: '/things/{id}',
  tag: 'phone',
  summary: 'Verify',
  security: [],
  params: z.object({ id: z.string().describe('The thing') }),
  query: z.object({ ttl: z.coerce.number().int().min(1).max(3600).default(60), strict: z.string().optional() }),
  body: {
    schema: z.object({ phone_number: phone, backup: phone.optional(), otp: z.string().transform(Number) }),
    examples: { ok: { value: { phone_number: '+15550001', otp: '1234' } } },
  },
  responses: { 200: { description: 'OK' }, 400: { description: 'Bad', schema: z.object({ detail: z.string() }) } },
}

/** The document as /openapi.json serves it. */
function build(operations: OperationDoc[]) {
  return JSON.parse(JSON.stringify(buildOpenApiDocument({ operations, version: '1.2.3', description: 'test' })))
}

describe('buildOpenApiDocument', () => {
  it('documents the input side of the request schema, with named schemas as shared components', () => {
    const doc = build([base])
    const body = doc.paths['/things/{id}'].post.requestBody
    expect(body.required).toBe(true)
    expect(body.content['application/json'].schema).toEqual({
      type: 'object',
      properties: {
        phone_number: { $ref: '#/components/schemas/TestPhone' },
        backup: { $ref: '#/components/schemas/TestPhone' },
        // The transform's input, a string, is what a client sends.
        otp: { type: 'string' },
      },
      required: ['phone_number', 'otp'],
    })
    expect(body.content['application/json'].examples).toEqual({ ok: { value: { phone_number: '+15550001', otp: '1234' } } })
    expect(doc.components.schemas.TestPhone).toEqual({ type: 'string', pattern: '^\\+\\d+$', description: 'E.164' })
    expect(JSON.stringify(doc)).not.toContain('$defs')
    expect(JSON.stringify(doc)).not.toContain('"$schema"')
  })

  it('turns path and query schemas into parameters, path ones always required', () => {
    const parameters = build([base]).paths['/things/{id}'].post.parameters
    // OpenAPI's `required` defaults to false; zod-openapi writes it only when true.
    expect(parameters).toEqual([
      { name: 'id', in: 'path', required: true, description: 'The thing', schema: { type: 'string', description: 'The thing' } },
      { name: 'ttl', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 3600, default: 60 } },
      { name: 'strict', in: 'query', schema: { type: 'string' } },
    ])
  })

  it('maps auth schemes to alternative security requirements and public operations to none', () => {
    const doc = build([base, { ...base, method: 'get', operationId: 'get', security: ['apiKey', 'session'] }])
    expect(doc.paths['/things/{id}'].post.security).toEqual([])
    expect(doc.paths['/things/{id}'].get.security).toEqual([{ apiKey: [] }, { session: [] }])
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'kioskToken', 'session'])
  })

  it('orders methods conventionally and lists only the tags in use', () => {
    const doc = build([base, { ...base, method: 'get', operationId: 'get' }])
    expect(Object.keys(doc.paths['/things/{id}'])).toEqual(['get', 'post'])
    expect(doc.tags.map((tag: { name: string }) => tag.name)).toEqual(['Phone login codes (seed 001)'])
  })

  it('refuses two different schemas that claim the same id', () => {
    const a = {
      ...base,
      operationId: 'a',
      path: '/a',
      params: undefined,
      body: { schema: z.object({ v: z.string().meta({ id: 'TestClash' }) }) },
    }
    const b = {
      ...base,
      operationId: 'b',
      path: '/b',
      params: undefined,
      body: { schema: z.object({ v: z.boolean().meta({ id: 'TestClash' }) }) },
    }
    expect(() => build([a, b])).toThrow('Duplicate schema id "TestClash"')
  })

  it('drops zod’s regex where a format already says it', () => {
    const doc = build([
      { ...base, params: undefined, query: undefined, body: { schema: z.object({ at: z.iso.datetime(), mail: z.email() }) } },
    ])
    const schema = doc.paths['/things/{id}'].post.requestBody.content['application/json'].schema
    expect(schema.properties).toEqual({ at: { type: 'string', format: 'date-time' }, mail: { type: 'string', format: 'email' } })
  })

  it('refuses an operation documented twice', () => {
    expect(() => build([base, { ...base, operationId: 'again' }])).toThrow('POST /things/{id} is documented twice')
  })
})
