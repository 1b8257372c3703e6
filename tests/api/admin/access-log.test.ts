// GET /api/admin/events and /api/admin/events.csv: keyset paging, filters, live refresh, CSV.
import { beforeAll, describe, expect, it } from 'vitest'
import { GET as exportCsv } from '@/app/api/admin/events.csv/route'
import { GET as listEvents } from '@/app/api/admin/events/route'
import { db } from '@/lib/db'
import type { Db } from '@/lib/db/client'
import { accessLogCsvStream } from '@/lib/door/access-log-csv'
import { AFTER_ID_SLACK_MS } from '@/lib/door/list-access-events'
import { scanMessages } from '@/lib/door/scan-messages'
import { apiKeyCredentials, call, createPassUser, kioskCredentials, params, type Credentials } from '../door/fixtures'

type Event = {
  id: number
  at: string
  userId: string | null
  userName: string | null
  kioskId: string | null
  kioskName: string | null
  doorId: string | null
  doorName: string | null
  result: string
  reason: string
  message: string
  input: string | null
}
type Page = { events: Event[]; nextCursor: string | null }

let api: Credentials
let ada: { id: string }
let bob: { id: string }
let lobbyId: string
let sideId: string
/** Every event of the paging data set, in the log's order: newest first, ties by id. */
let expected: {
  id: number
  at: Date
  userId: string | null
  kioskId: string | null
  doorId: string | null
  result: string
  reason: string
}[]

const doorNames = new Map<string | null, string>([
  ['front-door', 'Front door'],
  ['back-door', 'Back door'],
  [null, ''],
])

const base = Date.parse('2026-01-10T00:00:00Z')

beforeAll(async () => {
  api = await apiKeyCredentials()
  ada = await createPassUser({ name: 'Ada' })
  bob = await createPassUser({ name: 'Bob' })
  lobbyId = (await kioskCredentials('Lobby')).kioskId
  sideId = (await kioskCredentials('Side door')).kioskId
  await db.door.create({ data: { id: 'back-door', name: 'Back door' } })
  // 250 events, three to a second (ties on `at`), inserted out of time order so that ids do not
  // follow times: only a cursor on (at, id) walks them right.
  const rows = Array.from({ length: 250 }, (_, i) => {
    const second = (i * 37) % 84
    const reason = i % 5 === 0 ? 'replay' : i % 7 === 0 ? 'wrong_code' : 'granted'
    return {
      at: new Date(base + second * 1000),
      userId: i % 3 === 0 ? bob.id : i % 11 === 0 ? null : ada.id,
      kioskId: i % 2 === 0 ? lobbyId : sideId,
      // Doors cut across kiosks (a kiosk moved between doors keeps its old events' door); none: an API client's check.
      doorId: i % 4 === 0 ? null : i % 3 === 1 ? 'back-door' : 'front-door',
      result: reason === 'granted' ? 'granted' : 'denied',
      reason,
    }
  })
  await db.accessEvent.createMany({ data: rows })
  const stored = await db.accessEvent.findMany({
    select: { id: true, at: true, userId: true, kioskId: true, doorId: true, result: true, reason: true },
  })
  expected = stored.sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id)
})

const get = async (query: string, credentials: Credentials = api) => {
  const response = await listEvents(call(`/api/admin/events${query}`, credentials), params({}))
  return { status: response.status, body: (await response.json()) as Page & { error?: { code: string; message: string } } }
}

async function walk(query: string, limit: number): Promise<Event[]> {
  const seen: Event[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const separator = query ? '&' : '?'
    const { status, body } = await get(`${query}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
    expect(status).toBe(200)
    expect(body.events.length).toBeLessThanOrEqual(limit)
    seen.push(...body.events)
    cursor = body.nextCursor
    if (++pages > 100) throw new Error('the cursor never ends')
  } while (cursor)
  return seen
}

describe('GET /api/admin/events', () => {
  it('walks every event once, newest first, ties on `at` in id order, over keyset pages', async () => {
    const seen = await walk('', 40)
    expect(seen.map((event) => event.id)).toEqual(expected.map((event) => event.id))
    expect(new Set(seen.map((event) => event.id)).size).toBe(250)
    // A page that ends exactly at the last event says there is no more.
    const first = await get('?limit=200')
    const second = await get(`?limit=50&cursor=${first.body.nextCursor}`)
    expect(second.body.events.map((event) => event.id)).toEqual(expected.slice(200).map((event) => event.id))
    expect(second.body.nextCursor).toBeNull()
  })

  it('answers in the documented shape, with the kiosk’s message and the names', async () => {
    const { body } = await get('?limit=1')
    const newest = expected[0]!
    expect(body.events[0]).toEqual({
      id: newest.id,
      at: newest.at.toISOString(),
      userId: newest.userId,
      userName: newest.userId === ada.id ? 'Ada' : newest.userId === bob.id ? 'Bob' : null,
      kioskId: newest.kioskId,
      kioskName: newest.kioskId === lobbyId ? 'Lobby' : 'Side door',
      doorId: newest.doorId,
      doorName: doorNames.get(newest.doorId) || null,
      result: newest.result,
      reason: newest.reason,
      message: scanMessages[newest.reason as keyof typeof scanMessages],
      input: null,
    })
    const replay = (await get('?reason=replay&limit=1')).body.events[0]!
    expect(replay.message).toBe('Code already used')
    expect((await get('')).body.events).toHaveLength(50)
  })

  it('filters by user, kiosk, result and time, and pages within the filter', async () => {
    const check = async (query: string, keep: (event: (typeof expected)[number]) => boolean) => {
      const seen = await walk(query, 7)
      const want = expected.filter(keep).map((event) => event.id)
      expect(want.length, query).toBeGreaterThan(0)
      expect(
        seen.map((event) => event.id),
        query,
      ).toEqual(want)
    }
    await check(`?user=${ada.id}`, (e) => e.userId === ada.id)
    await check(`?kiosk=${sideId}`, (e) => e.kioskId === sideId)
    await check('?door=back-door', (e) => e.doorId === 'back-door')
    await check(
      `?door=front-door&kiosk=${lobbyId}&result=granted`,
      (e) => e.doorId === 'front-door' && e.kioskId === lobbyId && e.result === 'granted',
    )
    await check('?result=denied', (e) => e.result === 'denied')
    await check(`?user=${bob.id}&result=denied`, (e) => e.userId === bob.id && e.result === 'denied')
    await check(
      `?user=${bob.id}&result=granted&kiosk=${lobbyId}`,
      (e) => e.userId === bob.id && e.result === 'granted' && e.kioskId === lobbyId,
    )
    const from = new Date(base + 20_000)
    const to = new Date(base + 30_000)
    await check(`?from=${from.toISOString()}&to=${to.toISOString()}`, (e) => e.at >= from && e.at < to)
    await check(`?from=2026-01-10&to=2026-01-11`, () => true)
    expect((await get('?from=2026-01-11')).body.events).toEqual([])
    expect((await get('?user=nobody')).body).toEqual({ events: [], nextCursor: null })
    expect((await get('?door=no-such-door')).body).toEqual({ events: [], nextCursor: null })
  })

  it('after=<id> answers only events newer than that id, newest first; the cursor finishes a long list', async () => {
    // The console passes the highest id it has shown; ids and times need not agree.
    const highest = expected.reduce((a, b) => (b.id > a.id ? b : a))
    expect((await get(`?after=${highest.id}`)).body).toEqual({ events: [], nextCursor: null })
    const kiosk = (await kioskCredentials('Poll door')).kioskId
    // The second is stamped before the events it follows (a scan that committed late, within the
    // slack): it is still newer by id, so live refresh must not lose it.
    const t = highest.at.getTime()
    const stamps = [t + 1000, t - AFTER_ID_SLACK_MS / 2, t + 2000]
    const ids: number[] = []
    for (const at of stamps) {
      const row = await db.accessEvent.create({
        data: { at: new Date(at), kioskId: kiosk, userId: ada.id, result: 'granted', reason: 'granted' },
      })
      ids.push(row.id)
    }
    const all = await get(`?after=${highest.id}`)
    expect(all.body.events.map((event) => event.id)).toEqual([ids[2], ids[0], ids[1]])
    expect(all.body.nextCursor).toBeNull()

    const firstTwo = await get(`?after=${highest.id}&limit=2`)
    expect(firstTwo.body.events.map((event) => event.id)).toEqual([ids[2], ids[0]])
    const rest = await get(`?after=${highest.id}&limit=2&cursor=${firstTwo.body.nextCursor}`)
    expect(rest.body).toEqual({ events: [expect.objectContaining({ id: ids[1] })], nextCursor: null })

    expect((await get(`?after=${ids[0]}`)).body.events.map((event) => event.id)).toEqual([ids[2], ids[1]])
    expect((await get(`?after=${highest.id}&result=denied`)).body.events).toEqual([])
    expect((await get(`?after=${highest.id}&kiosk=${kiosk}&limit=1`)).body.events.map((event) => event.id)).toEqual([ids[2]])
    expect((await get(`?after=${ids[2]}`)).body.events).toEqual([])
    expect((await get('?after=2147483647')).body.events).toEqual([])
    // An id below every event: all of them are newer.
    expect((await get('?after=0&limit=200')).body.events).toHaveLength(200)
    await db.accessEvent.deleteMany({ where: { kioskId: kiosk } })
  })

  it('answers 400 to malformed or out-of-range parameters, in the app error style', async () => {
    const queries = [
      '?limit=0',
      '?limit=201',
      '?limit=ten',
      '?result=maybe',
      '?reason=bored',
      '?from=yesterday',
      '?from=2026-01-10T10:00', // no offset: which time zone?
      '?to=2026-13-40',
      '?after=-1',
      '?after=1.5',
      '?after=2147483648',
      '?cursor=bm9uc2Vuc2U',
      `?cursor=${Buffer.from('1768003200000:99999999999').toString('base64url')}`,
    ]
    for (const query of queries) {
      const { status, body } = await get(query)
      expect(status, query).toBe(400)
      expect(body.error?.code, query).toBe('bad_request')
    }
    expect((await get('?limit=200')).body.events).toHaveLength(200)
  })
})

// --- CSV ----------------------------------------------------------------------------------------

/** An RFC 4180 reader, strict enough to notice broken quoting. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') {
      if (cell !== '') throw new Error(`stray quote at ${i}`)
      quoted = true
    } else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += char
  }
  if (quoted) throw new Error('unterminated quote')
  if (cell !== '' || row.length) throw new Error('last line has no CRLF')
  return rows
}

const csv = async (query = '', credentials: Credentials = api) => {
  const response = await exportCsv(call(`/api/admin/events.csv${query}`, credentials), params({}))
  return { response, rows: response.status === 200 ? parseCsv(await response.text()) : [] }
}

const header = ['time', 'person', 'user_id', 'kiosk', 'kiosk_id', 'result', 'reason', 'door', 'door_id']

describe('GET /api/admin/events.csv', () => {
  it('is a CSV download of the whole log, newest first, across several batches', async () => {
    const { response, rows } = await csv()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="access-log-${new Date().toISOString().slice(0, 10)}.csv"`,
    )
    expect(response.body).toBeInstanceOf(ReadableStream)
    expect(rows[0]).toEqual(header)
    const body = rows.slice(1)
    expect(body).toHaveLength(expected.length)
    const names = new Map<string | null, string>([
      [ada.id, 'Ada'],
      [bob.id, 'Bob'],
      [null, ''],
    ])
    expect(body).toEqual(
      expected.map((event) => [
        event.at.toISOString(),
        names.get(event.userId),
        event.userId ?? '',
        event.kioskId === lobbyId ? 'Lobby' : 'Side door',
        event.kioskId,
        event.result,
        event.reason,
        doorNames.get(event.doorId),
        event.doorId ?? '',
      ]),
    )
  })

  it('applies the log’s filters', async () => {
    const { rows } = await csv(`?user=${bob.id}&result=denied`)
    expect(rows[0]).toEqual(header)
    const want = expected.filter((event) => event.userId === bob.id && event.result === 'denied')
    expect(rows.slice(1).map((row) => row[0])).toEqual(want.map((event) => event.at.toISOString()))
    expect(rows.slice(1).every((row) => row[2] === bob.id && row[5] === 'denied')).toBe(true)
    expect((await csv('?from=2030-01-01')).rows).toEqual([header])
    const atBackDoor = (await csv('?door=back-door')).rows.slice(1)
    expect(atBackDoor).toHaveLength(expected.filter((event) => event.doorId === 'back-door').length)
    expect(atBackDoor.every((row) => row[7] === 'Back door' && row[8] === 'back-door')).toBe(true)
    expect((await csv('?result=maybe')).response.status).toBe(400)
  })

  it('escapes commas, quotes and line breaks, and defuses formulas', async () => {
    const kiosk = (await kioskCredentials('=HYPERLINK("http://evil.example","Open")')).kioskId
    const names = ['Lovelace, Ada', 'Ada "the Countess"', 'two\r\nlines', '+1 555', '-2', '@SUM(A1)', '=1+1']
    for (const name of names) {
      const user = await createPassUser({ name })
      await db.accessEvent.create({
        data: { at: new Date('2030-06-01T00:00:00Z'), userId: user.id, kioskId: kiosk, result: 'granted', reason: 'granted' },
      })
    }
    const { rows } = await csv(`?kiosk=${kiosk}`)
    expect(
      rows
        .slice(1)
        .map((row) => row[1])
        .sort(),
    ).toEqual(['Lovelace, Ada', 'Ada "the Countess"', 'two\r\nlines', `'+1 555`, `'-2`, `'@SUM(A1)`, `'=1+1`].sort())
    expect(new Set(rows.slice(1).map((row) => row[3]))).toEqual(new Set([`'=HYPERLINK("http://evil.example","Open")`]))
    await db.accessEvent.deleteMany({ where: { kioskId: kiosk } })
  })

  it('reads the database one batch at a time, as the reader asks', async () => {
    let queries = 0
    const counting = {
      accessEvent: {
        findMany: (...args: Parameters<Db['accessEvent']['findMany']>) => {
          queries++
          return db.accessEvent.findMany(...args)
        },
      },
    } as unknown as Db
    const reader = accessLogCsvStream({ db: counting, filters: {}, batchSize: 20 }).getReader()
    const decoder = new TextDecoder()
    expect(decoder.decode((await reader.read()).value)).toBe(header.join(',') + '\r\n')
    expect(queries).toBe(0)
    await reader.read()
    await reader.read()
    // Given time, a stream that reads ahead would have run more queries by now.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(queries).toBe(2)
    let text = ''
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value)
    // 250 events in batches of 20: 13 queries, the last one short.
    expect(queries).toBe(13)
    expect(parseCsv(text)).toHaveLength(250 - 40)
  })
})
