// GET|POST /api/admin/doors, PATCH|DELETE /api/admin/doors/{id} (SPEC "Doors and access rules"):
// a door is {id, name, timeZone, unlockSeconds, lockdown}; bad fields are 400 with the field named;
// a door with paired kiosks cannot be deleted.
import { beforeAll, describe, expect, it } from 'vitest'
import { DELETE as deleteDoor, PATCH as patchDoor } from '@/app/api/admin/doors/[id]/route'
import { GET as listDoors, POST as createDoor } from '@/app/api/admin/doors/route'
import { DELETE as revokeKiosk } from '@/app/api/admin/kiosks/[id]/route'
import { POST as createKiosk } from '@/app/api/admin/kiosks/route'
import { db } from '@/lib/db'
import {
  apiKeyCredentials,
  call,
  createPassUser,
  kioskCredentials,
  noCredentials,
  params,
  sessionCredentials,
  type Credentials,
} from '../door/fixtures'

let api: Credentials

beforeAll(async () => {
  api = await apiKeyCredentials()
})

type Door = { id: string; name: string; timeZone: string; unlockSeconds: number; lockdown: boolean }

const create = (body: unknown, credentials: Credentials = api) =>
  createDoor(call('/api/admin/doors', credentials, { method: 'POST', body }), params({}))
const list = async () => ((await (await listDoors(call('/api/admin/doors', api), params({}))).json()) as { doors: Door[] }).doors
const patch = (id: string, body: unknown, credentials: Credentials = api) =>
  patchDoor(call(`/api/admin/doors/${id}`, credentials, { method: 'PATCH', body }), params({ id }))
const remove = (id: string, credentials: Credentials = api) =>
  deleteDoor(call(`/api/admin/doors/${id}`, credentials, { method: 'DELETE' }), params({ id }))
const pairKiosk = async (doorId: string) =>
  (
    (await (
      await createKiosk(call('/api/admin/kiosks', api, { method: 'POST', body: { name: 'Tablet', doorId } }), params({}))
    ).json()) as { id: string }
  ).id

const schemaError = (path: string, message: string) => ({
  error: { code: 'bad_request', message: 'The request does not match the schema', issues: [{ path, message }] },
})
const timeZoneError = schemaError('timeZone', 'timeZone must be an IANA time zone such as Europe/Berlin or UTC')

describe('doors: create, list, change, delete', () => {
  it('starts with "Front door" from the migration', async () => {
    expect(await list()).toContainEqual({ id: 'front-door', name: 'Front door', timeZone: 'UTC', unlockSeconds: 5, lockdown: false })
  })

  it('creates a door with defaults or a chosen id, lists it, changes it, deletes it', async () => {
    const response = await create({ name: '  Loading dock ' })
    expect(response.status).toBe(201)
    const dock = (await response.json()) as Door
    expect(dock).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Loading dock',
      timeZone: 'UTC',
      unlockSeconds: 5,
      lockdown: false,
    })

    const back = await create({ id: 'back-door', name: 'Back door', timeZone: 'Europe/Berlin', unlockSeconds: 8, lockdown: true })
    expect(back.status).toBe(201)
    expect(await back.json()).toEqual({ id: 'back-door', name: 'Back door', timeZone: 'Europe/Berlin', unlockSeconds: 8, lockdown: true })
    expect((await list()).map((door) => door.id)).toEqual(expect.arrayContaining(['front-door', dock.id, 'back-door']))

    const changed = await patch('back-door', { lockdown: false, timeZone: 'America/New_York' })
    expect(changed.status).toBe(200)
    expect(await changed.json()).toEqual({
      id: 'back-door',
      name: 'Back door',
      timeZone: 'America/New_York',
      unlockSeconds: 8,
      lockdown: false,
    })
    // Nothing given, nothing changed.
    expect(await (await patch('back-door', {})).json()).toMatchObject({ name: 'Back door', unlockSeconds: 8 })

    const deleted = await remove('back-door')
    expect(deleted.status).toBe(200)
    expect(await deleted.json()).toMatchObject({ id: 'back-door', name: 'Back door' })
    expect((await list()).map((door) => door.id)).not.toContain('back-door')
    expect(await db.door.findUnique({ where: { id: 'back-door' } })).toBeNull()
  })

  it('a new door joins no group: it opens for nobody until an admin says who may', async () => {
    const door = (await (await create({ name: 'Server room' })).json()) as Door
    expect(await db.accessGroupDoor.count({ where: { doorId: door.id } })).toBe(0)
  })

  it('deleting a door takes it out of its groups and leaves its past events without it', async () => {
    const door = (await (await create({ name: 'Old gate' })).json()) as Door
    await db.accessGroupDoor.create({ data: { groupId: 'everyone', doorId: door.id } })
    const event = await db.accessEvent.create({ data: { doorId: door.id, result: 'denied', reason: 'malformed' } })
    expect((await remove(door.id)).status).toBe(200)
    expect(await db.accessGroupDoor.count({ where: { doorId: door.id } })).toBe(0)
    expect((await db.accessEvent.findUniqueOrThrow({ where: { id: event.id } })).doorId).toBeNull()
  })
})

describe('DELETE /api/admin/doors/{id} with kiosks', () => {
  it('is 409 while paired kiosks stand at the door, saying how many; revoked kiosks do not count', async () => {
    const door = (await (await create({ name: 'Busy door' })).json()) as Door
    const first = await pairKiosk(door.id)
    const second = await pairKiosk(door.id)

    const two = await remove(door.id)
    expect(two.status).toBe(409)
    expect(await two.json()).toEqual({ error: { code: 'conflict', message: '2 kiosks stand at this door: move or unpair them first' } })

    await revokeKiosk(call(`/api/admin/kiosks/${first}`, api, { method: 'DELETE' }), params({ id: first }))
    const one = await remove(door.id)
    expect(one.status).toBe(409)
    expect(await one.json()).toEqual({ error: { code: 'conflict', message: '1 kiosk stands at this door: move or unpair it first' } })
    expect(await db.door.findUnique({ where: { id: door.id } })).not.toBeNull()

    await revokeKiosk(call(`/api/admin/kiosks/${second}`, api, { method: 'DELETE' }), params({ id: second }))
    expect((await remove(door.id)).status).toBe(200)
    // The unpaired kiosks lose their door; their rows stay for the log.
    expect((await db.kiosk.findMany({ where: { id: { in: [first, second] } } })).map((kiosk) => kiosk.doorId)).toEqual([null, null])
  })
})

describe('errors', () => {
  const cases: [label: string, send: () => Promise<Response>, status: number, body: unknown][] = [
    ['an unknown time zone', () => create({ name: 'D', timeZone: 'Mars/Olympus_Mons' }), 400, timeZoneError],
    ['an offset for a time zone', () => create({ name: 'D', timeZone: '+01:00' }), 400, timeZoneError],
    ['an empty time zone', () => create({ name: 'D', timeZone: '' }), 400, timeZoneError],
    [
      'unlockSeconds 0',
      () => create({ name: 'D', unlockSeconds: 0 }),
      400,
      schemaError('unlockSeconds', 'Too small: expected number to be >=1'),
    ],
    [
      'unlockSeconds 3601',
      () => create({ name: 'D', unlockSeconds: 3601 }),
      400,
      schemaError('unlockSeconds', 'Too big: expected number to be <=3600'),
    ],
    [
      'unlockSeconds 2.5',
      () => create({ name: 'D', unlockSeconds: 2.5 }),
      400,
      schemaError('unlockSeconds', 'Invalid input: expected int, received number'),
    ],
    [
      'lockdown "yes"',
      () => create({ name: 'D', lockdown: 'yes' }),
      400,
      schemaError('lockdown', 'Invalid input: expected boolean, received string'),
    ],
    ['no name', () => create({}), 400, schemaError('name', 'Invalid input: expected string, received undefined')],
    ['a blank name', () => create({ name: '   ' }), 400, schemaError('name', 'Too small: expected string to have >=1 characters')],
    [
      'an id that is no slug',
      () => create({ id: 'Back Door', name: 'D' }),
      400,
      schemaError('id', 'id must be 1–64 lower-case letters, digits and dashes, e.g. back-door'),
    ],
    [
      'a taken id',
      () => create({ id: 'front-door', name: 'Again' }),
      409,
      { error: { code: 'conflict', message: 'There is already a door with the id front-door' } },
    ],
    [
      'a body that is not JSON',
      () => create('{"name":'),
      400,
      { error: { code: 'invalid_json', message: 'The request body is not valid JSON' } },
    ],
    ['PATCH an unknown time zone', () => patch('front-door', { timeZone: 'Europe/Atlantis' }), 400, timeZoneError],
    [
      'PATCH unlockSeconds 0',
      () => patch('front-door', { unlockSeconds: 0 }),
      400,
      schemaError('unlockSeconds', 'Too small: expected number to be >=1'),
    ],
    ['PATCH an unknown door', () => patch('no-such-door', { name: 'X' }), 404, { error: { code: 'not_found', message: 'No such door' } }],
    ['DELETE an unknown door', () => remove('no-such-door'), 404, { error: { code: 'not_found', message: 'No such door' } }],
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
    expect((await patch('front-door', { name: 'Renamed', timeZone: 'Nowhere/Land' })).status).toBe(400)
    expect((await db.door.findUniqueOrThrow({ where: { id: 'front-door' } })).name).toBe('Front door')
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
    ['GET /api/admin/doors', (credentials) => listDoors(call('/api/admin/doors', credentials), params({}))],
    ['POST /api/admin/doors', (credentials) => create({ name: 'Sneaky' }, credentials)],
    ['PATCH /api/admin/doors/{id}', (credentials) => patch('front-door', { lockdown: true }, credentials)],
    ['DELETE /api/admin/doors/{id}', (credentials) => remove('front-door', credentials)],
  ]
  it.each(routes)('%s: 401 without credentials, 403 for kiosks and users', async (_name, send) => {
    for (const [who, credentials, status] of callers) expect((await send(credentials)).status, who).toBe(status)
    expect(await db.door.findUniqueOrThrow({ where: { id: 'front-door' } })).toMatchObject({ name: 'Front door', lockdown: false })
  })
})
