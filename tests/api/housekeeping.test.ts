import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { runHousekeeping } from '@/lib/maintenance/housekeeping'
import { hitRateLimit } from '@/lib/rate-limit'
import { createSession } from '@/lib/auth/sessions'

describe('housekeeping', () => {
  it('removes past rate-limit windows and long-ended sessions, and keeps live ones', async () => {
    const now = new Date('2026-05-01T12:00:00Z')
    const rule = { bucket: 'hk', limit: 5, windowSeconds: 60 }
    await hitRateLimit({ db, rule, subject: 'old', now: new Date(now.getTime() - 120_000) })
    await hitRateLimit({ db, rule, subject: 'live', now })
    const user = await db.user.create({ data: { id: 'hk-user', name: 'H' } })
    await createSession({ db, userId: user.id, now: new Date(now.getTime() - 30 * 24 * 3_600_000), ttlHours: 1 })
    const live = await createSession({ db, userId: user.id, now, ttlHours: 1 })

    const removed = await runHousekeeping({ db, now })
    expect(removed).toMatchObject({ rateLimitCounters: 1, sessions: 1 })
    expect((await db.rateLimitCounter.findMany()).map((row) => row.key)).toEqual([expect.stringMatching(/^hk:live:/)])
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1)
    expect(live.token).toBeTruthy()
  })

  it('removes webhook deliveries done for more than 30 days, and keeps queued and recent ones', async () => {
    const now = new Date('2026-05-01T12:00:00Z')
    const endpoint = await db.webhookEndpoint.create({
      data: { id: 'hk-hook', url: 'http://127.0.0.1:9/', eventTypes: '[]', secretEnc: 'x' },
    })
    const delivery = (id: string, status: string, daysAgo: number) => ({
      id,
      endpointId: endpoint.id,
      eventId: id,
      type: 'access.granted',
      body: '{}',
      status,
      createdAt: new Date(now.getTime() - daysAgo * 24 * 3_600_000),
    })
    await db.webhookDelivery.createMany({
      data: [
        delivery('old-sent', 'sent', 31),
        delivery('old-failed', 'failed', 40),
        delivery('old-queued', 'queued', 31),
        delivery('new-sent', 'sent', 29),
      ],
    })
    const removed = await runHousekeeping({ db, now })
    expect(removed).toMatchObject({ webhookDeliveries: 2 })
    expect((await db.webhookDelivery.findMany({ orderBy: { id: 'asc' } })).map((row) => row.id)).toEqual(['new-sent', 'old-queued'])
  })
})
