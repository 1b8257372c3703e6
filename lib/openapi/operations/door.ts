// Seed 000: door passes, scans and door state.
import {
  isValidResponseSchema,
  logsResponseSchema,
  otpResponseSchema,
  qrStringParamsSchema,
  userIdParamsSchema,
  validationResponseSchema,
} from '@/lib/door/api-schemas'
import { fastApi, ok } from '../responses'
import type { OperationDoc } from '../types'

const exampleQr = 'OVZWK4RNGEZDG===_492039'

export const doorOperations: OperationDoc[] = [
  {
    operationId: 'getDoorPass',
    method: 'get',
    path: '/otp/{user_id}',
    tag: 'door',
    summary: 'Current door pass of a user',
    description:
      'The QR string to show at the door: `<base32(user_id)>_<6-digit TOTP>` (RFC 4648 base32 with `=` padding; SHA-1, 30 s step). ' +
      'A signed-in user may fetch their own; an API client any user’s, and an unknown `user_id` is enrolled (as seed 000 did).',
    security: ['session', 'apiKey'],
    params: userIdParamsSchema,
    responses: {
      200: ok('The current pass', otpResponseSchema, { pass: { qr_string: exampleQr } }),
      401: fastApi.unauthorized(),
      403: fastApi.detail('Another user’s pass, or a disabled user', {
        other_user: 'You may only fetch your own door pass',
        disabled: 'This user is disabled',
      }),
      404: fastApi.detail('A signed-in user asked for an id that does not exist', { not_found: 'User not found' }),
      422: fastApi.validation(['path', 'user_id'], 'Too big: expected string to have <=128 characters', 'too_big'),
      429: fastApi.rateLimited(),
    },
  },
  {
    operationId: 'validateDoorPass',
    method: 'get',
    path: '/validate/{string}',
    tag: 'door',
    summary: 'Check a scanned door pass',
    description:
      'Accepts the current 30 s step and one step either side, once per code (a replay answers `false`). ' +
      'A success grants the user access for `DOOR_GRANT_SECONDS` (30 s; see `/isvalid`). Every scan is recorded in the access log.',
    security: ['kioskToken', 'apiKey'],
    params: qrStringParamsSchema,
    // Parsed in code: a string that is no door pass answers 400, not FastAPI's 422.
    describedOnly: ['params'],
    responses: {
      200: ok('The verdict', validationResponseSchema, {
        granted: { validation: true },
        denied: { validation: false },
      }),
      400: fastApi.detail('Not a door pass at all', {
        malformed: 'Malformed QR string: expected <base32(user_id)>_<6-digit code>',
      }),
      401: fastApi.unauthorized(),
      403: fastApi.forbidden(),
      429: fastApi.rateLimited(),
    },
  },
  {
    operationId: 'getDoorState',
    method: 'get',
    path: '/isvalid/{user_id}',
    tag: 'door',
    summary: 'Whether a user’s door grant is running',
    description:
      'True for `DOOR_GRANT_SECONDS` after a successful scan of the user’s pass; false for an unknown user. ' +
      'The pass page polls it every second.',
    security: ['session', 'apiKey'],
    params: userIdParamsSchema,
    // Taken as given: an id that cannot exist simply has no grant.
    describedOnly: ['params'],
    responses: {
      200: ok('The door state', isValidResponseSchema, {
        granted: { user_id: 'user-123', validation: true },
        idle: { user_id: 'user-123', validation: false },
      }),
      401: fastApi.unauthorized(),
      403: fastApi.detail('Another user’s state', { other_user: 'You may only check your own door state' }),
      429: fastApi.rateLimited(),
    },
  },
  {
    operationId: 'listDoorStates',
    method: 'get',
    path: '/logs',
    tag: 'door',
    summary: 'Current door state of every user',
    description: 'One entry per user holding a pass. The full event history is in the admin console.',
    security: ['apiKey', 'session'],
    responses: {
      200: ok('State per user_id', logsResponseSchema, {
        states: { 'user-123': { validation: true }, 'alice@example.com': { validation: false } },
      }),
      401: fastApi.unauthorized(),
      403: fastApi.forbidden(),
      429: fastApi.rateLimited(),
    },
  },
]
