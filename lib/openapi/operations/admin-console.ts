// The admin API behind the console's access log, chart, API keys and outbox. An API key or an
// admin's session.
import { z } from 'zod'
import {
  accessEventListResponseSchema,
  accessLogCsvQuerySchema,
  accessLogQuerySchema,
  accessStatsQuerySchema,
  accessStatsResponseSchema,
  apiKeyIdParamsSchema,
  apiKeyListResponseSchema,
  apiKeySchema,
  createApiKeyRequestSchema,
  createApiKeyResponseSchema,
  deliveryListQuerySchema,
  deliveryListResponseSchema,
} from '@/lib/admin/api-schemas'
import { app, ok } from '../responses'
import type { OperationDoc, ResponseDoc } from '../types'
import { adminChangeErrors, adminErrors } from './admin'

const event = {
  id: 1041,
  at: '2026-11-21T08:59:12.000Z',
  userId: '6f1c2f0e-2a7b-4c55-8f0e-4b7d2f0c9a10',
  userName: 'Alice Example',
  kioskId: '0b7e0f55-3c1e-4f0a-9a51-5f4f3e2b9c11',
  kioskName: 'Lobby tablet',
  doorId: 'front-door',
  doorName: 'Front door',
  result: 'granted',
  reason: 'granted',
  message: 'Access granted',
  input: null,
}

const replay = { ...event, id: 1040, at: '2026-11-21T08:58:40.000Z', result: 'denied', reason: 'replay', message: 'Code already used' }

const apiKey = {
  id: '9d3c7a52-8a0e-4d6b-b7f4-2f1e3c5d6a70',
  name: 'Billing backend',
  prefix: 'qrd_key_Xk3v',
  createdAt: '2026-11-21T09:00:00.000Z',
  revokedAt: null,
  lastUsedAt: '2026-11-21T12:00:00.000Z',
}

const badQuery = (path: string, message: string): ResponseDoc =>
  app.error('A query parameter is malformed or out of range', 'bad_request', 'The request does not match the schema', {
    issues: [{ path, message }],
  })

const badCursor = app.error(
  'A parameter is out of range, or the cursor was not made by this API',
  'bad_request',
  'Invalid cursor: pass nextCursor of the previous page',
)

export const adminConsoleOperations: OperationDoc[] = [
  {
    operationId: 'listAccessEvents',
    method: 'get',
    path: '/api/admin/events',
    tag: 'admin',
    summary: 'Read the access log',
    description:
      'Every scan at every door (or, with `door`, at one), newest first, in pages: pass `nextCursor` as `cursor` for the next one. Pages stay stable while new scans arrive. For live refresh, poll with `after=<highest id shown>`: the answer holds only newer events (the newest `limit`; pass its `nextCursor` with the same `after` for the rest).',
    security: ['apiKey', 'session'],
    query: accessLogQuerySchema,
    responses: {
      200: ok('A page of events', accessEventListResponseSchema, {
        page: { events: [event, replay], nextCursor: 'MTc5NTc3MjcyMDAwMDoxMDQw' },
        last: { events: [], nextCursor: null },
      }),
      400: badCursor,
      ...adminErrors,
    },
  },
  {
    operationId: 'exportAccessEvents',
    method: 'get',
    path: '/api/admin/events.csv',
    tag: 'admin',
    summary: 'Download the access log as CSV',
    description:
      'The events the same filters select, newest first, streamed as `text/csv` (RFC 4180, CRLF line ends). Cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) get a leading apostrophe.',
    security: ['apiKey', 'session'],
    query: accessLogCsvQuerySchema,
    responses: {
      200: {
        description: 'The CSV file',
        contentType: 'text/csv',
        schema: z.string(),
        examples: {
          csv: {
            value:
              'time,person,user_id,kiosk,kiosk_id,result,reason,door,door_id\r\n' +
              '2026-11-21T08:59:12.000Z,Alice Example,6f1c2f0e-2a7b-4c55-8f0e-4b7d2f0c9a10,Lobby tablet,0b7e0f55-3c1e-4f0a-9a51-5f4f3e2b9c11,granted,granted,Front door,front-door\r\n',
          },
        },
        headers: {
          'Content-Disposition': {
            description: '`attachment; filename="access-log-<YYYY-MM-DD>.csv"`',
            schema: { type: 'string' },
          },
        },
      },
      400: badQuery('from', 'Invalid input'),
      ...adminErrors,
    },
  },
  {
    operationId: 'accessEventStats',
    method: 'get',
    path: '/api/admin/events/stats',
    tag: 'admin',
    summary: 'Grants and denials over time',
    description:
      'Counts per UTC hour or day, for a chart: every bucket of the range, empty ones as zeros. At most 31 days by the hour and 366 days by the day.',
    security: ['apiKey', 'session'],
    query: accessStatsQuerySchema,
    responses: {
      200: ok('Counts per bucket', accessStatsResponseSchema, {
        hours: {
          bucket: 'hour',
          buckets: [
            { start: '2026-11-21T08:00:00.000Z', granted: 14, denied: 2 },
            { start: '2026-11-21T09:00:00.000Z', granted: 0, denied: 0 },
          ],
        },
      }),
      400: app.error(
        'The range is empty, too long for the bucket size, or malformed',
        'bad_request',
        'At most 31 days by the hour: use bucket=day',
      ),
      ...adminErrors,
    },
  },
  {
    operationId: 'listApiKeys',
    method: 'get',
    path: '/api/admin/api-keys',
    tag: 'admin',
    summary: 'List API keys',
    description: 'Every key ever made, revoked ones included. The keys themselves are not stored, only their hashes.',
    security: ['apiKey', 'session'],
    responses: { 200: ok('The keys', apiKeyListResponseSchema, { keys: { apiKeys: [apiKey] } }), ...adminErrors },
  },
  {
    operationId: 'createApiKey',
    method: 'post',
    path: '/api/admin/api-keys',
    tag: 'admin',
    summary: 'Make an API key',
    description: 'The key is shown only in this answer. Send it as `Authorization: Bearer <key>`.',
    security: ['apiKey', 'session'],
    body: { schema: createApiKeyRequestSchema, examples: { key: { value: { name: 'Billing backend' } } } },
    responses: {
      201: ok('The new key', createApiKeyResponseSchema, {
        created: {
          id: apiKey.id,
          name: apiKey.name,
          prefix: apiKey.prefix,
          key: 'qrd_key_Xk3v…',
          createdAt: apiKey.createdAt,
        },
      }),
      400: app.error('The body is not JSON', 'invalid_json', 'The request body is not valid JSON'),
      422: app.invalid('name', 'Too small: expected string to have >=1 characters'),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'revokeApiKey',
    method: 'delete',
    path: '/api/admin/api-keys/{id}',
    tag: 'admin',
    summary: 'Revoke an API key',
    description: 'The key is refused from the next request on. Revoking twice keeps the first revocation time.',
    security: ['apiKey', 'session'],
    params: apiKeyIdParamsSchema,
    describedOnly: ['params'],
    responses: {
      200: ok('The revoked key', apiKeySchema, { revoked: { ...apiKey, revokedAt: '2026-11-21T13:00:00.000Z' } }),
      404: app.error('No key has this id', 'not_found', 'No such API key'),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'listDeliveries',
    method: 'get',
    path: '/api/admin/deliveries',
    tag: 'admin',
    summary: 'Read the outbox',
    description:
      'Every e-mail and SMS the app sent or tried to send, newest first, with the provider’s id or error. In demo mode nothing is sent and `body` holds the text.',
    security: ['apiKey', 'session'],
    query: deliveryListQuerySchema,
    responses: {
      200: ok('A page of deliveries', deliveryListResponseSchema, {
        demo: {
          deliveries: [
            {
              id: 'c1d2e3f4-0a1b-4c2d-8e3f-405162738495',
              channel: 'sms',
              recipient: '+14155550123',
              subject: null,
              status: 'demo',
              providerId: null,
              error: null,
              body: 'Your QR Door code is 4821.\n\n@door.example.com #4821',
              createdAt: '2026-11-21T09:00:00.000Z',
            },
          ],
          nextCursor: null,
        },
      }),
      400: badCursor,
      ...adminErrors,
    },
  },
]
