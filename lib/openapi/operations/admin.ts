// QR Door's own admin API: users and kiosks. An API key or an admin's session.
import { signOutUserResponseSchema } from '@/lib/admin/api-schemas'
import {
  adminUserIdParamsSchema,
  createKioskRequestSchema,
  createKioskResponseSchema,
  createUserRequestSchema,
  kioskIdParamsSchema,
  kioskListResponseSchema,
  kioskSchema,
  updateKioskRequestSchema,
  updateUserRequestSchema,
  userListResponseSchema,
  userSchema,
} from '@/lib/door/api-schemas'
import { liftLockoutResponseSchema } from '@/lib/login/schemas'
import { app, appErrorSchema, ok } from '../responses'
import type { OperationDoc, ResponseDoc } from '../types'

export const adminErrors = {
  401: app.unauthorized(),
  403: app.forbidden(),
  429: app.rateLimited(),
} satisfies Record<number, ResponseDoc>

/** For POST, PATCH and DELETE: an admin's session must also come from this app's own pages. */
export const adminChangeErrors = { ...adminErrors, 403: app.forbiddenChange() } satisfies Record<number, ResponseDoc>

type AppErrorExample = { code: string; message: string; issues?: { path: string; message: string }[] }

/** One status with several error bodies, each its own named example. */
export function appErrors(description: string, examples: Record<string, AppErrorExample>): ResponseDoc {
  return {
    description,
    schema: appErrorSchema,
    examples: Object.fromEntries(Object.entries(examples).map(([name, error]) => [name, { value: { error } }])),
  }
}

/** A 400 for one field that the schema alone cannot judge (lib/access/field-error.ts). */
export function fieldErrorExample(field: string, message: string): AppErrorExample {
  return { code: 'bad_request', message: `${field}: ${message}`, issues: [{ path: field, message }] }
}

export const invalidJsonExample: AppErrorExample = { code: 'invalid_json', message: 'The request body is not valid JSON' }

/** A group made through the API: its id is random. */
export const STAFF_GROUP_ID = '3f6b2c1a-8d4e-4b7a-9c2e-1a5f7d9e0b34'

const kiosk = {
  id: '0b7e0f55-3c1e-4f0a-9a51-5f4f3e2b9c11',
  name: 'Front door',
  createdAt: '2026-11-21T09:00:00.000Z',
  revokedAt: null,
  lastSeenAt: '2026-11-21T12:34:56.000Z',
  doorId: 'front-door',
  doorName: 'Front door',
  online: true,
  offlineSince: null,
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
  groupIds: ['everyone'],
  accessFrom: null,
  accessUntil: null,
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
    description:
      'Every door tablet ever paired, revoked ones included. `online`: a heartbeat (`POST /api/kiosk/heartbeat`, every 30 s) within the last 90 s; otherwise `offlineSince` is its last heartbeat (null: never seen).',
    security: ['apiKey', 'session'],
    responses: {
      200: ok('The kiosks', kioskListResponseSchema, {
        kiosks: {
          kiosks: [
            kiosk,
            {
              ...kiosk,
              id: '5d2a9c4e-7b1f-4e3a-8c6d-2f0e9b1a7c53',
              name: 'Back door',
              doorId: 'back-door',
              doorName: 'Back door',
              lastSeenAt: '2026-11-21T11:02:10.000Z',
              online: false,
              offlineSince: '2026-11-21T11:02:10.000Z',
            },
          ],
        },
      }),
      ...adminErrors,
    },
  },
  {
    operationId: 'createKiosk',
    method: 'post',
    path: '/api/admin/kiosks',
    tag: 'admin',
    summary: 'Pair a kiosk',
    description:
      'Creates a kiosk at a door, and its bearer token. The token is shown only in this answer: open `pairingUrl` on the tablet to store it there. The door’s rules decide the kiosk’s scans.',
    security: ['apiKey', 'session'],
    body: { schema: createKioskRequestSchema, examples: { kiosk: { value: { name: 'Front door', doorId: 'front-door' } } } },
    responses: {
      201: ok('The new kiosk and its token', createKioskResponseSchema, {
        created: {
          id: kiosk.id,
          name: kiosk.name,
          doorId: kiosk.doorId,
          doorName: kiosk.doorName,
          token: 'kiosk_3q2xY0…',
          pairingUrl: '/kiosk?pair=kiosk_3q2xY0…',
        },
      }),
      400: appErrors('No door has this id, or the body is not JSON', {
        unknown_door: fieldErrorExample('doorId', 'no door back-door'),
        invalid_json: invalidJsonExample,
      }),
      422: app.invalid('name', 'Too small: expected string to have >=1 characters'),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'updateKiosk',
    method: 'patch',
    path: '/api/admin/kiosks/{id}',
    tag: 'admin',
    summary: 'Rename a kiosk or move it to another door',
    description:
      'Paired or revoked; only the fields given change. Its past access events show the new name too, and keep the door that decided them.',
    security: ['apiKey', 'session'],
    params: kioskIdParamsSchema,
    describedOnly: ['params'],
    body: {
      schema: updateKioskRequestSchema,
      examples: { rename: { value: { name: 'Back door' } }, move: { value: { doorId: 'back-door' } } },
    },
    responses: {
      200: ok('The changed kiosk', kioskSchema, {
        renamed: { ...kiosk, name: 'Back door' },
        moved: { ...kiosk, doorId: 'back-door', doorName: 'Back door' },
      }),
      400: appErrors('No door has this id, or the body is not JSON', {
        unknown_door: fieldErrorExample('doorId', 'no door back-door'),
        invalid_json: invalidJsonExample,
      }),
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
      200: ok('The revoked kiosk', kioskSchema, {
        revoked: { ...kiosk, revokedAt: '2026-11-21T13:00:00.000Z', online: false, offlineSince: kiosk.lastSeenAt },
      }),
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
      'The user signs in with a code sent to their e-mail address or phone number, so at least one is needed. A door pass secret is created with the user. The user joins `groupIds` (the group "Everyone" when left out) and may open their doors between `accessFrom` and `accessUntil` (null: open-ended).',
    security: ['apiKey', 'session'],
    body: {
      schema: createUserRequestSchema,
      examples: {
        user: { value: { name: 'Alice Example', email: 'alice@example.com', phone: '+14155550123' } },
        contractor: {
          value: {
            name: 'Carol Contractor',
            email: 'carol@example.com',
            groupIds: [STAFF_GROUP_ID],
            accessFrom: '2026-12-01T00:00:00Z',
            accessUntil: '2027-01-01T00:00:00Z',
          },
        },
      },
    },
    responses: {
      201: ok('The new user', userSchema, { created: user }),
      400: appErrors('An unknown group, a validity window that ends before it starts, or a body that is not JSON', {
        unknown_group: fieldErrorExample('groupIds', `no access group ${STAFF_GROUP_ID}`),
        window: fieldErrorExample('accessUntil', 'must be after accessFrom'),
        invalid_json: invalidJsonExample,
      }),
      409: app.error(
        'The e-mail address or phone number belongs to another user',
        'conflict',
        'Another user already has this e-mail address',
      ),
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
      'Only the fields given change; `null` clears an e-mail address, a phone number or a bound of the validity window. `groupIds` replaces the user’s groups. Disabling a user ends their sessions. An admin cannot disable or demote themselves. Holders of guest passes are not users here (404).',
    security: ['apiKey', 'session'],
    params: adminUserIdParamsSchema,
    describedOnly: ['params'],
    body: {
      schema: updateUserRequestSchema,
      examples: {
        disable: { value: { disabled: true } },
        groups: { value: { groupIds: ['everyone', STAFF_GROUP_ID], accessUntil: '2027-06-30T22:00:00Z' } },
      },
    },
    responses: {
      200: ok('The changed user', userSchema, { updated: { ...user, disabled: true } }),
      400: appErrors('No way left to sign in, an unknown group, a window that ends before it starts, or a body that is not JSON', {
        no_contact: { code: 'bad_request', message: 'A user needs an e-mail address or a phone number to log in' },
        unknown_group: fieldErrorExample('groupIds', `no access group ${STAFF_GROUP_ID}`),
        window: fieldErrorExample('accessUntil', 'must be after accessFrom'),
        invalid_json: invalidJsonExample,
      }),
      404: app.error('No user has this id', 'not_found', 'No such user'),
      409: app.error(
        'Contact taken, or an admin changing themselves',
        'conflict',
        'You cannot disable yourself or remove your own admin role',
      ),
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
  {
    operationId: 'liftLockout',
    method: 'post',
    path: '/api/admin/users/{id}/lift-lockout',
    tag: 'admin',
    summary: 'Lift a user’s sign-in lock-out',
    description:
      'Ten wrong sign-in codes in an hour lock an address out from that network (one IPv4 address or IPv6 /64), a hundred from every network. This forgets the wrong codes counted against the user’s e-mail address and phone number, from every network, so the user can ask for a code and sign in at once.',
    security: ['apiKey', 'session'],
    params: adminUserIdParamsSchema,
    describedOnly: ['params'],
    responses: {
      200: ok('What was lifted', liftLockoutResponseSchema, {
        lifted: { wasLockedOut: true, wrongCodesCleared: 10 },
        notLockedOut: { wasLockedOut: false, wrongCodesCleared: 3 },
      }),
      404: app.error('No user has this id', 'not_found', 'No such user'),
      ...adminChangeErrors,
    },
  },
]
