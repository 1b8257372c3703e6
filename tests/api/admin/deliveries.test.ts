// GET /api/admin/deliveries: the outbox, newest first, keyset pages; the text only where it was kept.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { GET as listDeliveries } from '@/app/api/admin/deliveries/route'
import { db } from '@/lib/db'
import { apiKeyCredentials, call, params, type Credentials } from '../door/fixtures'

type Delivery = Record<string, unknown> & { id: string }
type Page = { deliveries: Delivery[]; nextCursor: string | null; error?: { code: string } }

let api: Credentials
let expectedIds: string[]

beforeAll(async () => {
  api = await apiKeyCredentials()
  const base = Date.parse('2026-04-01T10:00:00Z')
  // 23 rows, two to a millisecond: ties on createdAt are ordered by id.
  const rows = Array.from({ length: 23 }, (_, i) => ({
    id: randomUUID(),
    channel: i % 2 ? 'sms' : 'email',
    recipient: i % 2 ? '+14155550123' : 'ada@example.com',
    subject: i % 2 ? null : 'Your code',
    body: i % 3 === 0 ? `Your code is ${i}` : null,
    status: i % 3 === 0 ? 'demo' : i % 3 === 1 ? 'sent' : 'failed',
    providerId: i % 3 === 1 ? `SM${i}` : null,
    error: i % 3 === 2 ? 'Connection refused' : null,
    createdAt: new Date(base + Math.floor(i / 2)),
  }))
  await db.delivery.createMany({ data: rows })
  expectedIds = rows
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0))
    .map((row) => row.id)
})

const get = async (query: string) => {
  const response = await listDeliveries(call(`/api/admin/deliveries${query}`, api), params({}))
  return { status: response.status, body: (await response.json()) as Page }
}

describe('GET /api/admin/deliveries', () => {
  it('pages through every delivery once, newest first', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const { status, body } = await get(`?limit=5${cursor ? `&cursor=${cursor}` : ''}`)
      expect(status).toBe(200)
      expect(body.deliveries.length).toBeLessThanOrEqual(5)
      seen.push(...body.deliveries.map((delivery) => delivery.id))
      cursor = body.nextCursor
    } while (cursor)
    expect(seen).toEqual(expectedIds)
    expect((await get('')).body.deliveries).toHaveLength(23)
  })

  it('shows each delivery’s outcome, and its text only when one was kept (demo mode)', async () => {
    const { body } = await get('?limit=200')
    const demo = body.deliveries.find((delivery) => delivery.status === 'demo' && delivery.channel === 'email')!
    expect(demo).toEqual({
      id: expect.any(String),
      channel: 'email',
      recipient: 'ada@example.com',
      subject: 'Your code',
      status: 'demo',
      providerId: null,
      error: null,
      body: expect.stringMatching(/^Your code is \d+$/),
      createdAt: expect.any(String),
    })
    const sent = body.deliveries.find((delivery) => delivery.status === 'sent')!
    expect(sent).not.toHaveProperty('body')
    expect(sent.providerId).toMatch(/^SM\d+$/)
    const failed = body.deliveries.find((delivery) => delivery.status === 'failed')!
    expect(failed).toMatchObject({ error: 'Connection refused', providerId: null })
    expect(failed).not.toHaveProperty('body')
  })

  it('answers 400 to a bad cursor or limit', async () => {
    for (const query of ['?cursor=bm9uc2Vuc2U', '?limit=0', '?limit=201', '?limit=x']) {
      const { status, body } = await get(query)
      expect(status, query).toBe(400)
      expect(body.error?.code).toBe('bad_request')
    }
  })
})
