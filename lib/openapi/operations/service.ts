// Health and the document itself.
import { z } from 'zod'
import { ok } from '../responses'
import type { OperationDoc } from '../types'

const healthSchema = z.object({
  status: z.int(),
  message: z.literal('SERVICE_HEALTH'),
  info: z.object({
    database_status: z.enum(['OK', 'ERROR']),
    database: z.enum(['sqlite', 'postgres']),
  }),
})

export const serviceOperations: OperationDoc[] = [
  {
    operationId: 'health',
    method: 'get',
    path: '/health',
    tag: 'service',
    summary: 'Service health',
    description:
      'Seed 004’s `SERVICE_HEALTH` envelope. It reported Redis; QR Door reports its database in `info`: 200 when, within 2 s, a table of the app could be read, every migration of this version is applied and (SQLite) the write lock could be taken; 503 otherwise.',
    security: [],
    responses: {
      200: ok('The database answers and is up to date', healthSchema, {
        healthy: { status: 200, message: 'SERVICE_HEALTH', info: { database_status: 'OK', database: 'sqlite' } },
      }),
      503: ok('The database does not answer in time, refuses the app, or lacks a migration', healthSchema, {
        unhealthy: { status: 503, message: 'SERVICE_HEALTH', info: { database_status: 'ERROR', database: 'postgres' } },
      }),
    },
  },
  {
    operationId: 'openApiDocument',
    method: 'get',
    path: '/openapi.json',
    tag: 'service',
    summary: 'This OpenAPI 3.1 document',
    description: 'Generated from the zod schemas the handlers validate with. Rendered at `/docs` (Swagger UI) and `/redoc`.',
    security: [],
    responses: {
      200: { description: 'The document', examples: { document: { value: { openapi: '3.1.0', info: { title: 'QR Door API' } } } } },
    },
  },
]
