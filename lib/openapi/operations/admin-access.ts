// The admin API for doors, access groups and guest passes (an API key or an admin's session), and
// the guest's own page API (the link's token). A body that breaks the schema is 400 here, with the
// field named in `issues`.
import { z } from 'zod'
import {
  createDoorRequestSchema,
  createGroupRequestSchema,
  createGuestPassRequestSchema,
  createGuestPassResponseSchema,
  doorListResponseSchema,
  doorSchema,
  groupListResponseSchema,
  groupSchema,
  guestPassListResponseSchema,
  guestPassSchema,
  guestViewResponseSchema,
  updateDoorRequestSchema,
  updateGroupRequestSchema,
} from '@/lib/access/api-schemas'
import { app, ok } from '../responses'
import type { OperationDoc } from '../types'
import { adminChangeErrors, adminErrors, appErrors, fieldErrorExample, invalidJsonExample, STAFF_GROUP_ID } from './admin'

const idParams = z.object({ id: z.string() })

/** A schema violation: 400 on these routes, with each field named. */
const schemaExample = (path: string, message: string) => ({
  code: 'bad_request',
  message: 'The request does not match the schema',
  issues: [{ path, message }],
})

const frontDoor = { id: 'front-door', name: 'Front door', timeZone: 'Europe/Berlin', unlockSeconds: 5, lockdown: false }
const backDoor = { id: 'back-door', name: 'Back door', timeZone: 'Europe/Berlin', unlockSeconds: 8, lockdown: false }

const staff = {
  id: STAFF_GROUP_ID,
  name: 'Staff',
  doorIds: ['back-door', 'front-door'],
  schedule: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '07:00', to: '19:00' }],
}

const guestPass = {
  id: 'a4e1c7b2-5f3d-4e8a-9b6c-0d2f1e3a5b7c',
  name: 'Dana Visitor',
  email: 'dana@example.com',
  phone: null,
  groupIds: [STAFF_GROUP_ID],
  validFrom: '2026-12-01T08:00:00.000Z',
  validUntil: '2026-12-03T18:00:00.000Z',
  maxUses: 10,
  uses: 0,
  state: 'upcoming',
  createdAt: '2026-11-21T09:00:00.000Z',
  revokedAt: null,
}

const noDoor = app.error('No door has this id', 'not_found', 'No such door')
const noGroup = app.error('No group has this id', 'not_found', 'No such group')
const groupNameTaken = app.error('Another group has this name', 'conflict', 'There is already a group named Staff')

const badDoor = appErrors('The body breaks the schema (a time zone, an unlock time out of range) or is not JSON', {
  time_zone: schemaExample('timeZone', 'timeZone must be an IANA time zone such as Europe/Berlin or UTC'),
  unlock_seconds: schemaExample('unlockSeconds', 'Too big: expected number to be <=3600'),
  invalid_json: invalidJsonExample,
})

const badGroup = appErrors('An unknown door, a schedule that breaks the schema, or a body that is not JSON', {
  unknown_door: fieldErrorExample('doorIds', 'no door side-door'),
  schedule_time: schemaExample('schedule.0.from', 'from must be a time HH:MM, e.g. 08:00'),
  schedule_day: schemaExample('schedule.0.days.0', 'days must be weekdays from mon, tue, wed, thu, fri, sat, sun'),
  invalid_json: invalidJsonExample,
})

export const adminAccessOperations: OperationDoc[] = [
  // --- Doors -----------------------------------------------------------------------------------
  {
    operationId: 'listDoors',
    method: 'get',
    path: '/api/admin/doors',
    tag: 'admin',
    summary: 'List doors',
    description: 'Oldest first. Each kiosk stands at one door; its groups’ schedules are read in its time zone.',
    security: ['apiKey', 'session'],
    responses: { 200: ok('The doors', doorListResponseSchema, { doors: { doors: [frontDoor, backDoor] } }), ...adminErrors },
  },
  {
    operationId: 'createDoor',
    method: 'post',
    path: '/api/admin/doors',
    tag: 'admin',
    summary: 'Add a door',
    description:
      'It opens for nobody until a group holds it (`PATCH /api/admin/groups/{id}` with its id in `doorIds`). `id` is used in MQTT topics: give a short one, or leave it out for a random one.',
    security: ['apiKey', 'session'],
    body: {
      schema: createDoorRequestSchema,
      examples: { door: { value: { id: 'back-door', name: 'Back door', timeZone: 'Europe/Berlin', unlockSeconds: 8 } } },
    },
    responses: {
      201: ok('The new door', doorSchema, { created: backDoor }),
      400: badDoor,
      409: app.error('Another door has this id', 'conflict', 'There is already a door with the id back-door'),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'updateDoor',
    method: 'patch',
    path: '/api/admin/doors/{id}',
    tag: 'admin',
    summary: 'Change a door',
    description: 'Only the fields given change, from the next scan on. `lockdown: true` refuses everyone at the door.',
    security: ['apiKey', 'session'],
    params: idParams,
    describedOnly: ['params'],
    body: {
      schema: updateDoorRequestSchema,
      examples: { lockdown: { value: { lockdown: true } }, timeZone: { value: { timeZone: 'America/New_York' } } },
    },
    responses: {
      200: ok('The changed door', doorSchema, { locked: { ...frontDoor, lockdown: true } }),
      400: badDoor,
      404: noDoor,
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'deleteDoor',
    method: 'delete',
    path: '/api/admin/doors/{id}',
    tag: 'admin',
    summary: 'Remove a door',
    description:
      'Refused while paired kiosks stand at it: move them (`PATCH /api/admin/kiosks/{id}`) or unpair them first. Groups lose the door; past access events keep their rows without it.',
    security: ['apiKey', 'session'],
    params: idParams,
    describedOnly: ['params'],
    responses: {
      200: ok('The removed door, as it was', doorSchema, { deleted: backDoor }),
      404: noDoor,
      409: app.error('Paired kiosks stand at the door', 'conflict', '2 kiosks stand at this door: move or unpair them first'),
      ...adminChangeErrors,
    },
  },

  // --- Access groups ---------------------------------------------------------------------------
  {
    operationId: 'listGroups',
    method: 'get',
    path: '/api/admin/groups',
    tag: 'admin',
    summary: 'List access groups',
    description: 'Oldest first, each with its doors and weekly schedule.',
    security: ['apiKey', 'session'],
    responses: {
      200: ok('The groups', groupListResponseSchema, {
        groups: { groups: [{ id: 'everyone', name: 'Everyone', doorIds: ['front-door'], schedule: [] }, staff] },
      }),
      ...adminErrors,
    },
  },
  {
    operationId: 'createGroup',
    method: 'post',
    path: '/api/admin/groups',
    tag: 'admin',
    summary: 'Add an access group',
    description:
      'Its members may open its doors inside the windows of its schedule, read on each door’s clock in the door’s time zone. A window whose `to` is before its `from` runs past midnight; an empty schedule means any time.',
    security: ['apiKey', 'session'],
    body: {
      schema: createGroupRequestSchema,
      examples: { staff: { value: { name: staff.name, doorIds: staff.doorIds, schedule: staff.schedule } } },
    },
    responses: {
      201: ok('The new group', groupSchema, { created: staff }),
      400: badGroup,
      409: groupNameTaken,
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'updateGroup',
    method: 'patch',
    path: '/api/admin/groups/{id}',
    tag: 'admin',
    summary: 'Change an access group',
    description: 'Only the fields given change; `doorIds` and `schedule` replace the old ones, from the next scan on.',
    security: ['apiKey', 'session'],
    params: idParams,
    describedOnly: ['params'],
    body: {
      schema: updateGroupRequestSchema,
      examples: { nightShift: { value: { schedule: [{ days: ['fri', 'sat'], from: '22:00', to: '06:00' }] } } },
    },
    responses: {
      200: ok('The changed group', groupSchema, {
        updated: { ...staff, schedule: [{ days: ['fri', 'sat'], from: '22:00', to: '06:00' }] },
      }),
      400: badGroup,
      404: noGroup,
      409: groupNameTaken,
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'deleteGroup',
    method: 'delete',
    path: '/api/admin/groups/{id}',
    tag: 'admin',
    summary: 'Remove an access group',
    description: 'Its members lose what it gave them from the next scan on. Without "Everyone", new users join no group unless given some.',
    security: ['apiKey', 'session'],
    params: idParams,
    describedOnly: ['params'],
    responses: {
      200: ok('The removed group, as it was', groupSchema, { deleted: staff }),
      404: noGroup,
      ...adminChangeErrors,
    },
  },

  // --- Guest passes ----------------------------------------------------------------------------
  {
    operationId: 'listGuestPasses',
    method: 'get',
    path: '/api/admin/guest-passes',
    tag: 'admin',
    summary: 'List guest passes',
    description: 'Newest first, with their uses and their state now. The links are not kept, so they are not listed.',
    security: ['apiKey', 'session'],
    responses: {
      200: ok('The guest passes', guestPassListResponseSchema, {
        passes: { guestPasses: [{ ...guestPass, state: 'active', uses: 3 }] },
      }),
      ...adminErrors,
    },
  },
  {
    operationId: 'createGuestPass',
    method: 'post',
    path: '/api/admin/guest-passes',
    tag: 'admin',
    summary: 'Make a guest pass',
    description:
      'A link (`url`, shown only in this answer) to a page with a rotating QR code, for a visitor without an account. Scanned at kiosks like anyone else, under its groups’ doors and schedules, from `validFrom` until `validUntil`; each granted scan counts one use. With `email` or `phone` the link is also sent there (in demo mode, to the outbox).',
    security: ['apiKey', 'session'],
    body: {
      schema: createGuestPassRequestSchema,
      examples: {
        visitor: {
          value: {
            name: guestPass.name,
            email: guestPass.email,
            groupIds: guestPass.groupIds,
            validFrom: '2026-12-01T09:00:00+01:00',
            validUntil: '2026-12-03T19:00:00+01:00',
            maxUses: 10,
          },
        },
      },
    },
    responses: {
      201: ok('The new guest pass and its link', createGuestPassResponseSchema, {
        created: {
          ...guestPass,
          url: 'https://door.example.com/g/q3Vx0b8Lr2mT9yKd4WsN1A',
          deliveries: [{ channel: 'email', recipient: 'dana@example.com', status: 'sent' }],
        },
      }),
      400: appErrors('An unknown group, a window that ends before it starts or is over, a schema violation, or a body that is not JSON', {
        unknown_group: fieldErrorExample('groupIds', `no access group ${STAFF_GROUP_ID}`),
        window: fieldErrorExample('validUntil', 'must be after validFrom'),
        over: fieldErrorExample('validUntil', 'must be in the future: the pass would never open a door'),
        schema: schemaExample('validFrom', 'must be an ISO 8601 date-time with its offset, e.g. 2026-12-24T18:00:00+01:00'),
        invalid_json: invalidJsonExample,
      }),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'revokeGuestPass',
    method: 'delete',
    path: '/api/admin/guest-passes/{id}',
    tag: 'admin',
    summary: 'Revoke a guest pass',
    description: 'At once: the next scan is refused and the guest’s page shows the pass as revoked. Revoking twice keeps the first time.',
    security: ['apiKey', 'session'],
    params: idParams,
    describedOnly: ['params'],
    responses: {
      200: ok('The revoked pass', guestPassSchema, {
        revoked: { ...guestPass, state: 'revoked', revokedAt: '2026-12-02T10:00:00.000Z' },
      }),
      404: app.error('No guest pass has this id', 'not_found', 'No such guest pass'),
      ...adminChangeErrors,
    },
  },

  // --- The guest's page ------------------------------------------------------------------------
  {
    operationId: 'readGuestPass',
    method: 'get',
    path: '/api/guest/{token}',
    tag: 'app',
    summary: 'A guest’s pass, for the page /g/{token}',
    description:
      'No sign-in: the token in the guest’s link is the credential. While the pass is active the answer holds the current door pass (`qrString`, renewed every 30 s, as `/api/pass`); before, `validFrom` for a countdown; after, the state says why not. Polled by the page: limited per IP like the pass page.',
    security: [],
    params: z.object({ token: z.string().describe('The 22 characters after /g/ in the link') }),
    describedOnly: ['params'],
    responses: {
      200: ok('The pass', guestViewResponseSchema, {
        active: {
          name: guestPass.name,
          state: 'active',
          validFrom: guestPass.validFrom,
          validUntil: guestPass.validUntil,
          maxUses: 10,
          uses: 3,
          qrString: 'MRQW4YJNOZUXG2LUN5ZA====_492039',
          shortCode: 'G4TX 9M · 492 039',
          secondsUntilRotation: 17,
          secondsUntilUsable: 0,
          granted: false,
        },
        upcoming: {
          name: guestPass.name,
          state: 'upcoming',
          validFrom: guestPass.validFrom,
          validUntil: guestPass.validUntil,
          maxUses: 10,
          uses: 0,
          qrString: null,
          shortCode: null,
          secondsUntilRotation: null,
          secondsUntilUsable: null,
          granted: false,
        },
      }),
      404: app.error('No guest pass has this token', 'not_found', 'No such guest pass'),
      429: app.rateLimited(),
    },
  },
]
