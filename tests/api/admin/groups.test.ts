// GET|POST /api/admin/groups, PATCH|DELETE /api/admin/groups/{id} (SPEC "Doors and access rules"):
// a group is {id, name, doorIds, schedule}; unknown doors and bad schedules are 400 with the field
// named; names are unique. What the API stores is what the scan reads.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { DELETE as deleteGroup, PATCH as patchGroup } from '@/app/api/admin/groups/[id]/route'
import { GET as listGroups, POST as createGroup } from '@/app/api/admin/groups/route'
import type { Schedule } from '@/lib/access/schedule'
import { db } from '@/lib/db'
import { validateScan } from '@/lib/door/validate-scan'
import {
  apiKeyCredentials,
  call,
  createPassUser,
  kioskCredentials,
  noCredentials,
  params,
  passOf,
  sessionCredentials,
  type Credentials,
} from '../door/fixtures'

let api: Credentials

beforeAll(async () => {
  api = await apiKeyCredentials()
  await db.door.createMany({
    data: [
      { id: 'lab', name: 'Lab', timeZone: 'Europe/Berlin' },
      { id: 'garage', name: 'Garage' },
    ],
  })
})

type Group = { id: string; name: string; doorIds: string[]; schedule: Schedule }

const create = (body: unknown, credentials: Credentials = api) =>
  createGroup(call('/api/admin/groups', credentials, { method: 'POST', body }), params({}))
const list = async () => ((await (await listGroups(call('/api/admin/groups', api), params({}))).json()) as { groups: Group[] }).groups
const patch = (id: string, body: unknown, credentials: Credentials = api) =>
  patchGroup(call(`/api/admin/groups/${id}`, credentials, { method: 'PATCH', body }), params({ id }))
const remove = (id: string, credentials: Credentials = api) =>
  deleteGroup(call(`/api/admin/groups/${id}`, credentials, { method: 'DELETE' }), params({ id }))
const made = async (body: unknown) => {
  const response = await create(body)
  expect(response.status).toBe(201)
  return (await response.json()) as Group
}

const schemaError = (path: string, message: string) => ({
  error: { code: 'bad_request', message: 'The request does not match the schema', issues: [{ path, message }] },
})

const officeHours: Schedule = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }]

describe('groups: create, list, change, delete', () => {
  it('starts with "Everyone" from the migration: the front door, any time', async () => {
    expect(await list()).toContainEqual({ id: 'everyone', name: 'Everyone', doorIds: ['front-door'], schedule: [] })
  })

  it('creates a group, lists it, replaces its doors and schedule, renames it, deletes it', async () => {
    const lab = await made({ name: ' Lab staff ', doorIds: ['lab', 'garage', 'lab'], schedule: officeHours })
    expect(lab).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Lab staff',
      doorIds: ['garage', 'lab'],
      schedule: officeHours,
    })
    expect(await list()).toContainEqual(lab)
    // Stored as the JSON text the scan reads.
    expect(JSON.parse((await db.accessGroup.findUniqueOrThrow({ where: { id: lab.id } })).schedule)).toEqual(officeHours)

    const night: Schedule = [{ days: ['fri', 'sat'], from: '22:00', to: '06:00' }]
    const changed = await patch(lab.id, { doorIds: ['garage'], schedule: night })
    expect(changed.status).toBe(200)
    expect(await changed.json()).toEqual({ ...lab, doorIds: ['garage'], schedule: night })
    expect(await (await patch(lab.id, { name: 'Night crew' })).json()).toEqual({
      ...lab,
      name: 'Night crew',
      doorIds: ['garage'],
      schedule: night,
    })
    // Only doors: the rest stays.
    expect(await (await patch(lab.id, { doorIds: [] })).json()).toEqual({ ...lab, name: 'Night crew', doorIds: [], schedule: night })

    const member = await createPassUser()
    await db.accessGroupMember.create({ data: { groupId: lab.id, userId: member.id } })
    const deleted = await remove(lab.id)
    expect(deleted.status).toBe(200)
    expect(await deleted.json()).toEqual({ ...lab, name: 'Night crew', doorIds: [], schedule: night })
    expect((await list()).map((group) => group.id)).not.toContain(lab.id)
    expect(await db.accessGroupMember.count({ where: { userId: member.id } })).toBe(0)
  })

  it('defaults to no doors and any time', async () => {
    expect(await made({ name: 'Bare' })).toMatchObject({ name: 'Bare', doorIds: [], schedule: [] })
  })

  it('what the API stores decides the scan, in the door’s time zone', async () => {
    const group = await made({ name: 'Lab weekdays', doorIds: ['lab'], schedule: officeHours })
    const user = await createPassUser()
    await db.accessGroupMember.create({ data: { groupId: group.id, userId: user.id } })
    const scanAt = async (at: string) => {
      const now = new Date(at)
      return (await validateScan({ db, now, input: await passOf(user.id, now), doorId: 'lab', grantSeconds: 30 })).reason
    }
    // Monday 2026-06-01: 08:00 in Berlin is 06:00 UTC.
    expect(await scanAt('2026-06-01T05:59:30Z')).toBe('outside_schedule')
    expect(await scanAt('2026-06-01T06:00:30Z')).toBe('granted')
    await patch(group.id, { doorIds: ['garage'] })
    expect(await scanAt('2026-06-01T07:00:30Z')).toBe('no_access')
  })
})

describe('errors', () => {
  let other: Group
  beforeAll(async () => {
    other = await made({ name: 'Taken name' })
  })
  const window = (fields: Record<string, unknown>) => ({
    name: `G ${randomUUID()}`,
    schedule: [{ days: ['mon'], from: '08:00', to: '17:00', ...fields }],
  })
  const cases: [label: string, send: () => Promise<Response>, status: number, body: unknown][] = [
    [
      'an unknown door',
      () => create({ name: 'G', doorIds: ['lab', 'no-such-door'] }),
      400,
      {
        error: {
          code: 'bad_request',
          message: 'doorIds: no door no-such-door',
          issues: [{ path: 'doorIds', message: 'no door no-such-door' }],
        },
      },
    ],
    [
      'a time without its leading zero',
      () => create(window({ from: '8:00' })),
      400,
      schemaError('schedule.0.from', 'from must be a time HH:MM, e.g. 08:00'),
    ],
    ['24:00', () => create(window({ to: '24:00' })), 400, schemaError('schedule.0.to', 'to must be a time HH:MM, e.g. 08:00')],
    [
      'a time that is a number',
      () => create(window({ to: 1700 })),
      400,
      schemaError('schedule.0.to', 'to must be a time HH:MM, e.g. 08:00'),
    ],
    [
      'a day that is no weekday',
      () => create(window({ days: ['mon', 'funday'] })),
      400,
      schemaError('schedule.0.days.1', 'days must be weekdays from mon, tue, wed, thu, fri, sat, sun'),
    ],
    ['no days', () => create(window({ days: [] })), 400, schemaError('schedule.0.days', 'days must name at least one weekday')],
    [
      'a day twice',
      () => create(window({ days: ['mon', 'mon'] })),
      400,
      schemaError('schedule.0.days', 'days must not name a weekday twice'),
    ],
    [
      'a schedule that is no list',
      () => create({ name: 'G', schedule: 'always' }),
      400,
      schemaError('schedule', 'schedule must be a list of windows {days, from, to}'),
    ],
    ['a blank name', () => create({ name: ' ' }), 400, schemaError('name', 'Too small: expected string to have >=1 characters')],
    [
      'a taken name',
      () => create({ name: 'Taken name' }),
      409,
      { error: { code: 'conflict', message: 'There is already a group named Taken name' } },
    ],
    [
      'PATCH a bad schedule',
      () => patch('everyone', window({ from: '25:00' })),
      400,
      schemaError('schedule.0.from', 'from must be a time HH:MM, e.g. 08:00'),
    ],
    [
      'PATCH an unknown door',
      () => patch('everyone', { doorIds: ['nowhere'] }),
      400,
      { error: { code: 'bad_request', message: 'doorIds: no door nowhere', issues: [{ path: 'doorIds', message: 'no door nowhere' }] } },
    ],
    [
      'PATCH to a taken name',
      () => patch('everyone', { name: 'Taken name' }),
      409,
      { error: { code: 'conflict', message: 'There is already a group named Taken name' } },
    ],
    [
      'PATCH an unknown group',
      () => patch('no-such-group', { name: 'X' }),
      404,
      { error: { code: 'not_found', message: 'No such group' } },
    ],
    [
      'PATCH doors of an unknown group',
      () => patch('no-such-group', { doorIds: ['lab'] }),
      404,
      { error: { code: 'not_found', message: 'No such group' } },
    ],
    ['DELETE an unknown group', () => remove('no-such-group'), 404, { error: { code: 'not_found', message: 'No such group' } }],
    [
      'a body that is not JSON',
      () => create('[{'),
      400,
      { error: { code: 'invalid_json', message: 'The request body is not valid JSON' } },
    ],
  ]
  it.each(cases.map(([label, send, status, body]) => [label, status, send, body] as const))(
    '%s → %i',
    async (_label, status, send, body) => {
      const response = await send()
      expect(response.status).toBe(status)
      expect(await response.json()).toEqual(body)
    },
  )

  it('changes nothing on a refused request', async () => {
    expect(await list()).toContainEqual({ id: 'everyone', name: 'Everyone', doorIds: ['front-door'], schedule: [] })
    expect(await list()).toContainEqual(other)
  })
})

describe('who may call', () => {
  let callers: [who: string, credentials: Credentials, status: number][]
  beforeAll(async () => {
    callers = [
      ['no credentials', noCredentials, 401],
      ['a kiosk', await kioskCredentials(), 403],
      ['a plain user', await sessionCredentials((await createPassUser()).id), 403],
    ]
  })
  const routes: [name: string, send: (credentials: Credentials) => Promise<Response>][] = [
    ['GET /api/admin/groups', (credentials) => listGroups(call('/api/admin/groups', credentials), params({}))],
    ['POST /api/admin/groups', (credentials) => create({ name: 'Sneaky' }, credentials)],
    ['PATCH /api/admin/groups/{id}', (credentials) => patch('everyone', { doorIds: [] }, credentials)],
    ['DELETE /api/admin/groups/{id}', (credentials) => remove('everyone', credentials)],
  ]
  it.each(routes)('%s: 401 without credentials, 403 for kiosks and users', async (_name, send) => {
    for (const [who, credentials, status] of callers) expect((await send(credentials)).status, who).toBe(status)
    expect(await list()).toContainEqual({ id: 'everyone', name: 'Everyone', doorIds: ['front-door'], schedule: [] })
  })
})
