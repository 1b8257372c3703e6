// GET /api/admin/events/stats: grants and denials per UTC hour or day, empty buckets filled in.
import { beforeAll, describe, expect, it } from 'vitest'
import { GET as stats } from '@/app/api/admin/events/stats/route'
import { db } from '@/lib/db'
import { apiKeyCredentials, call, createPassUser, kioskCredentials, params, type Credentials } from '../door/fixtures'

type Stats = { bucket: string; buckets: { start: string; granted: number; denied: number }[] }

let api: Credentials
let ada: { id: string }
let bob: { id: string }
let lobby: string
let side: string

const at = (iso: string) => new Date(iso)

beforeAll(async () => {
  api = await apiKeyCredentials()
  ada = await createPassUser({ name: 'Ada' })
  bob = await createPassUser({ name: 'Bob' })
  lobby = (await kioskCredentials('Lobby')).kioskId
  side = (await kioskCredentials('Side')).kioskId
  const event = (iso: string, result: 'granted' | 'denied', userId: string | null, kioskId: string) => ({
    at: at(iso),
    result,
    reason: result === 'granted' ? 'granted' : 'wrong_code',
    userId,
    kioskId,
  })
  await db.accessEvent.createMany({
    data: [
      event('2026-03-01T00:00:00.000Z', 'granted', ada.id, lobby), // first instant of the first hour
      event('2026-03-01T00:59:59.999Z', 'granted', bob.id, lobby), // last instant of the first hour
      event('2026-03-01T00:30:00.000Z', 'denied', null, side),
      event('2026-03-01T02:15:00.000Z', 'denied', ada.id, side),
      event('2026-03-01T02:45:00.000Z', 'denied', ada.id, lobby),
      event('2026-03-01T02:50:00.000Z', 'granted', ada.id, lobby),
      event('2026-03-01T05:59:59.999Z', 'granted', bob.id, side),
      event('2026-03-01T06:00:00.000Z', 'granted', bob.id, side), // `to` is exclusive
      event('2026-02-28T23:59:59.999Z', 'denied', bob.id, side), // before `from`
      event('2026-03-03T12:00:00.000Z', 'granted', ada.id, lobby),
    ],
  })
})

const get = async (query: string, credentials: Credentials = api) => {
  const response = await stats(call(`/api/admin/events/stats${query}`, credentials), params({}))
  return { status: response.status, body: (await response.json()) as Stats & { error?: { code: string; message: string } } }
}

const hours = (counts: [number, number][], first = '2026-03-01T00:00:00.000Z') =>
  counts.map(([granted, denied], index) => ({
    start: new Date(Date.parse(first) + index * 3_600_000).toISOString(),
    granted,
    denied,
  }))

describe('GET /api/admin/events/stats', () => {
  it('counts per hour, with the empty hours as zeros', async () => {
    const { status, body } = await get('?bucket=hour&from=2026-03-01T00:00:00Z&to=2026-03-01T06:00:00Z')
    expect(status).toBe(200)
    expect(body).toEqual({
      bucket: 'hour',
      buckets: hours([
        [2, 1],
        [0, 0],
        [1, 2],
        [0, 0],
        [0, 0],
        [1, 0],
      ]),
    })
  })

  it('narrows to a user or a kiosk', async () => {
    const range = 'from=2026-03-01T00:00:00Z&to=2026-03-01T06:00:00Z'
    expect((await get(`?${range}&user=${ada.id}`)).body.buckets).toEqual(
      hours([
        [1, 0],
        [0, 0],
        [1, 2],
        [0, 0],
        [0, 0],
        [0, 0],
      ]),
    )
    expect((await get(`?${range}&kiosk=${side}`)).body.buckets).toEqual(
      hours([
        [0, 1],
        [0, 0],
        [0, 1],
        [0, 0],
        [0, 0],
        [1, 0],
      ]),
    )
    expect((await get(`?${range}&user=${bob.id}&kiosk=${side}`)).body.buckets).toEqual(
      hours([
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
        [1, 0],
      ]),
    )
    expect((await get(`?${range}&user=nobody`)).body.buckets).toEqual(
      hours([
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ]),
    )
  })

  it('counts per UTC day', async () => {
    const { body } = await get('?bucket=day&from=2026-02-28&to=2026-03-04')
    expect(body).toEqual({
      bucket: 'day',
      buckets: [
        { start: '2026-02-28T00:00:00.000Z', granted: 0, denied: 1 },
        { start: '2026-03-01T00:00:00.000Z', granted: 5, denied: 3 },
        { start: '2026-03-02T00:00:00.000Z', granted: 0, denied: 0 },
        { start: '2026-03-03T00:00:00.000Z', granted: 1, denied: 0 },
      ],
    })
  })

  it('starts at the bucket holding `from` but counts only from `from`, and only before `to`', async () => {
    const { body } = await get('?from=2026-03-01T00:45:00Z&to=2026-03-01T02:46:00Z')
    expect(body.buckets).toEqual(
      hours([
        [1, 0],
        [0, 0],
        [0, 2],
      ]),
    )
    // `to` is exclusive inside a bucket too: the denial at 02:45 falls outside.
    const exclusive = await get('?from=2026-03-01T00:45:00Z&to=2026-03-01T02:45:00Z')
    expect(exclusive.body.buckets).toEqual(
      hours([
        [1, 0],
        [0, 0],
        [0, 1],
      ]),
    )
  })

  it('takes other offsets, and defaults to the last 24 hours by the hour', async () => {
    const { body } = await get('?from=2026-03-01T01:00:00%2B01:00&to=2026-03-01T03:00:00%2B01:00')
    expect(body.buckets).toEqual(
      hours([
        [2, 1],
        [0, 0],
      ]),
    )
    const byDefault = await get('')
    expect(byDefault.body.bucket).toBe('hour')
    expect(byDefault.body.buckets).toHaveLength(25)
    const lastStart = Date.parse(byDefault.body.buckets[24]!.start)
    expect(Date.now() - lastStart).toBeLessThan(3_600_000 + 60_000)
    expect((await get('?bucket=day')).body.buckets).toHaveLength(31)
  })

  it('accepts up to 31 days by the hour and 366 by the day, and answers 400 beyond or for an empty range', async () => {
    expect((await get('?from=2026-01-01&to=2026-02-01')).body.buckets).toHaveLength(31 * 24)
    expect((await get('?bucket=day&from=2026-01-01&to=2027-01-02')).body.buckets).toHaveLength(366)
    const bad: [string, string][] = [
      ['?from=2026-01-01&to=2026-02-01T00:00:00.001Z', 'At most 31 days by the hour: use bucket=day'],
      ['?bucket=day&from=2026-01-01&to=2027-01-03', 'At most 366 days by the day'],
      ['?from=2026-03-02&to=2026-03-01', '`from` must be before `to`'],
      ['?from=2026-03-01&to=2026-03-01', '`from` must be before `to`'],
      ['?bucket=week', 'The request does not match the schema'],
      ['?from=soon', 'The request does not match the schema'],
      ['?to=2026-03-01T00:00:00', 'The request does not match the schema'],
    ]
    for (const [query, message] of bad) {
      const { status, body } = await get(query)
      expect(status, query).toBe(400)
      expect(body.error, query).toMatchObject({ code: 'bad_request', message })
    }
  })
})
