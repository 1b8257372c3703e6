// QR Door's own admin API: users and kiosks. An API key or an admin's session.
import { renameKioskRequestSchema, signOutUserResponseSchema } from '@/lib/admin/api-schemas'
import {
  adminUserIdParamsSchema,
  createKioskRequestSchema,
  createKioskResponseSchema,
  createUserRequestSchema,
  kioskIdParamsSchema,
  kioskListResponseSchema,
  kioskSchema,
  updateUserRequestSchema,
  userListResponseSchema,
  userSchema,
} from '@/lib/door/api-schemas'
import { app, ok } from '../responses'
import type { OperationDoc, ResponseDoc } from '../types'

export const adminErrors = {
  401: app.unauthorized(),
  403: app.forbidden(),
  429: app.rateLimited(),
} satisfies Record<number, ResponseDoc>

/** For POST, PATCH and DELETE: an admin's session must also come from this app's own pages. */
export const adminChangeErrors = { ...adminErrors, 403: app.forbiddenChange() } satisfies Record<number, ResponseDoc>

const badJson = app.error('The body is not JSON', 'invalid_json', 'The request body is not valid JSON')

const kiosk = {
  id: '0b7e0f55-3c1e-4f0a-9a51-5f4f3e2b9c11',
  name: 'Front door',
  createdAt: '2026-11-21T09:00:00.000Z',
  revokedAt: null,
  lastSeenAt: '2026-11-21T12:34:56.000Z',
}

const user = {
  id: '6f1c2f0e-2a7b-4c55-8f0e-4b7d2f0c9a10',
  name: 'Alice Example',
  email: 'alice@example.com',
  phone: '+14155550123',
  role: 'user',
  disabled: false,
  hasPass: true,
  lastGrantedAt: null,
  createdAt: '2026-11-21T09:00:00.000Z',
  updatedAt: '2026-11-21T09:00:00.000Z',
}

export const adminOperations: OperationDoc[] = [
  {
    operationId: 'listKiosks',
    method: 'get',
    path: '/api/admin/kiosks',
    tag: 'admin',
    summary: 'List kiosks',
    description: 'Every door tablet ever paired, revoked ones included.',
    security: ['apiKey', 'session'],
    responses: { 200: ok('The kiosks', kioskListResponseSchema, { kiosks: { kiosks: [kiosk] } }), ...adminErrors },
  },
  {
    operationId: 'createKiosk',
    method: 'post',
    path: '/api/admin/kiosks',
    tag: 'admin',
    summary: 'Pair a kiosk',
    description:
      'Creates a kiosk and its bearer token. The token is shown only in this answer: open `pairingUrl` on the tablet to store it there.',
    security: ['apiKey', 'session'],
    body: { schema: createKioskRequestSchema, examples: { kiosk: { value: { name: 'Front door' } } } },
    responses: {
      201: ok('The new kiosk and its token', createKioskResponseSchema, {
        created: {
          id: kiosk.id,
          name: kiosk.name,
          token: 'kiosk_3q2xY0…',
          pairingUrl: '/kiosk?pair=kiosk_3q2xY0…',
        },
      }),
      400: badJson,
      422: app.invalid('name', 'Too small: expected string to have >=1 characters'),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'renameKiosk',
    method: 'patch',
    path: '/api/admin/kiosks/{id}',
    tag: 'admin',
    summary: 'Rename a kiosk',
    description: 'Paired or revoked; its past access events show the new name too.',
    security: ['apiKey', 'session'],
    params: kioskIdParamsSchema,
    describedOnly: ['params'],
    body: { schema: renameKioskRequestSchema, examples: { rename: { value: { name: 'Back door' } } } },
    responses: {
      200: ok('The renamed kiosk', kioskSchema, { renamed: { ...kiosk, name: 'Back door' } }),
      400: badJson,
      404: app.error('No kiosk has this id', 'not_found', 'No such kiosk'),
      422: app.invalid('name', 'Too small: expected string to have >=1 characters'),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'revokeKiosk',
    method: 'delete',
    path: '/api/admin/kiosks/{id}',
    tag: 'admin',
    summary: 'Unpair a kiosk',
    description: 'Its token is refused from now on. Revoking twice keeps the first revocation time.',
    security: ['apiKey', 'session'],
    params: kioskIdParamsSchema,
    describedOnly: ['params'],
    responses: {
      200: ok('The revoked kiosk', kioskSchema, { revoked: { ...kiosk, revokedAt: '2026-11-21T13:00:00.000Z' } }),
      404: app.error('No kiosk has this id', 'not_found', 'No such kiosk'),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'listUsers',
    method: 'get',
    path: '/api/admin/users',
    tag: 'admin',
    summary: 'List users',
    security: ['apiKey', 'session'],
    responses: { 200: ok('The users', userListResponseSchema, { users: { users: [user] } }), ...adminErrors },
  },
  {
    operationId: 'createUser',
    method: 'post',
    path: '/api/admin/users',
    tag: 'admin',
    summary: 'Create a user',
    description:
      'The user signs in with a code sent to their e-mail address or phone number, so at least one is needed. A door pass secret is created with the user.',
    security: ['apiKey', 'session'],
    body: {
      schema: createUserRequestSchema,
      examples: { user: { value: { name: 'Alice Example', email: 'alice@example.com', phone: '+14155550123' } } },
    },
    responses: {
      201: ok('The new user', userSchema, { created: user }),
      400: badJson,
      409: app.error('The e-mail address or phone number belongs to another user', 'conflict', 'Another user already has this e-mail address'),
      422: app.invalid('email', 'Give an e-mail address or a phone number: the user logs in with a code sent there'),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'updateUser',
    method: 'patch',
    path: '/api/admin/users/{id}',
    tag: 'admin',
    summary: 'Change a user',
    description:
      'Only the fields given change; `null` clears an e-mail address or phone number. Disabling a user ends their sessions. An admin cannot disable or demote themselves.',
    security: ['apiKey', 'session'],
    params: adminUserIdParamsSchema,
    describedOnly: ['params'],
    body: { schema: updateUserRequestSchema, examples: { disable: { value: { disabled: true } } } },
    responses: {
      200: ok('The changed user', userSchema, { updated: { ...user, disabled: true } }),
      400: app.error('No way left to sign in, or the body is not JSON', 'bad_request', 'A user needs an e-mail address or a phone number to log in'),
      404: app.error('No user has this id', 'not_found', 'No such user'),
      409: app.error('Contact taken, or an admin changing themselves', 'conflict', 'You cannot disable yourself or remove your own admin role'),
      422: app.invalid('role', 'Invalid option: expected one of "user"|"admin"'),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'resetUserPass',
    method: 'post',
    path: '/api/admin/users/{id}/reset-pass',
    tag: 'admin',
    summary: 'Reset a user’s door pass',
    description: 'A new TOTP secret: QR codes made from the old one stop working at once.',
    security: ['apiKey', 'session'],
    params: adminUserIdParamsSchema,
    describedOnly: ['params'],
    responses: {
      200: ok('The user', userSchema, { reset: user }),
      404: app.error('No user has this id', 'not_found', 'No such user'),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'signOutUser',
    method: 'post',
    path: '/api/admin/users/{id}/sign-out',
    tag: 'admin',
    summary: 'Sign a user out everywhere',
    description:
      'Ends every live session of the user, in every browser; their next request needs a new sign-in. The door pass stays as it is (reset it for that).',
    security: ['apiKey', 'session'],
    params: adminUserIdParamsSchema,
    describedOnly: ['params'],
    responses: {
      200: ok('How many sessions were ended', signOutUserResponseSchema, { signedOut: { revoked: 2 } }),
      404: app.error('No user has this id', 'not_found', 'No such user'),
      ...adminChangeErrors,
    },
  },
]
