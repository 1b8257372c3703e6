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
})
