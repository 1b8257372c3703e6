import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import type { ApiError } from '@/lib/http/errors'
import { listAccessEvents } from '@/lib/door/list-access-events'
import { recordAccessEvent, type ScanReason } from '@/lib/door/access-event'
import { createPassUser, kioskCredentials } from './fixtures'

const t0 = new Date('2026-02-01T09:00:00Z')
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000)
let ada: { id: string }
let kioskId: string

beforeAll(async () => {
  ada = await createPassUser({ name: 'Ada' })
  kioskId = (await kioskCredentials('Lobby')).kioskId
  const rows: [number, ScanReason, string | null][] = [
    [0, 'granted', ada.id],
    [1, 'replay', ada.id],
    [1, 'malformed', null], // same minute: the id breaks the tie
    [2, 'wrong_code', ada.id],
    [3, 'granted', ada.id],
  ]
  for (const [minutes, reason, userId] of rows) {
    await recordAccessEvent({ db, now: at(minutes), reason, userId, kioskId, input: userId ? undefined : 'junk' })
  }
})

describe('listAccessEvents', () => {
  it('lists newest first with user and kiosk names', async () => {
    const { events, nextCursor } = await listAccessEvents({ db })
    expect(events.map((event) => event.reason)).toEqual(['granted', 'wrong_code', 'malformed', 'replay', 'granted'])
    expect(events[0]).toMatchObject({ result: 'granted', userId: ada.id, userName: 'Ada', kioskId, kioskName: 'Lobby', at: at(3) })
    expect(events[2]).toMatchObject({ result: 'denied', userId: null, userName: null, input: 'junk' })
    expect(nextCursor).toBeNull()
  })

  it('pages with a cursor without skipping or repeating, ties included', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await listAccessEvents({ db, limit: 2, cursor })
      expect(page.events.length).toBeLessThanOrEqual(2)
      seen.push(...page.events.map((event) => event.reason))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(['granted', 'wrong_code', 'malformed', 'replay', 'granted'])
  })

  it('filters by result, reason, user and time', async () => {
    const ids = async (filters: Parameters<typeof listAccessEvents>[0]['filters']) =>
      (await listAccessEvents({ db, filters })).events.map((event) => event.reason)
    expect(await ids({ result: 'granted' })).toEqual(['granted', 'granted'])
    expect(await ids({ result: 'denied', userId: ada.id })).toEqual(['wrong_code', 'replay'])
    expect(await ids({ reason: 'malformed' })).toEqual(['malformed'])
    expect(await ids({ from: at(1), to: at(3) })).toEqual(['wrong_code', 'malformed', 'replay'])
    expect(await ids({ kioskId: 'other' })).toEqual([])
  })

  it('answers 400 to a cursor it did not make', async () => {
    await expect(listAccessEvents({ db, cursor: 'bm9uc2Vuc2U' })).rejects.toMatchObject({
      status: 400,
    } satisfies Partial<ApiError>)
  })
})
