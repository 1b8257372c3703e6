import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { ApiError } from '@/lib/http/errors'
import { enforceRateLimits, hitRateLimit, purgeExpiredRateLimits } from '@/lib/rate-limit'

const rule = { bucket: 'test', limit: 10, windowSeconds: 60 }

describe('database rate limiter', () => {
  it('counts 40 parallel hits exactly once each and allows only the limit', async () => {
    const now = new Date('2026-01-01T00:00:10Z')
    const results = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit({ db, rule, subject: 'race', now })))
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect(results.filter((r) => r.allowed)).toHaveLength(10)
    expect(results[0]!.retryAfterSeconds).toBe(50)
  })

  it('starts a new window and keeps subjects apart', async () => {
    const first = new Date('2026-01-01T01:00:00Z')
    for (let i = 0; i < 10; i++) await hitRateLimit({ db, rule, subject: 'a', now: first })
    expect((await hitRateLimit({ db, rule, subject: 'a', now: first })).allowed).toBe(false)
    expect((await hitRateLimit({ db, rule, subject: 'b', now: first })).allowed).toBe(true)
    const later = new Date(first.getTime() + 60_000)
    expect((await hitRateLimit({ db, rule, subject: 'a', now: later })).count).toBe(1)
  })

  it('answers 429 with Retry-After when exceeded', async () => {
    const now = new Date('2026-01-01T02:00:30Z')
    const tight = { bucket: 'tight', limit: 1, windowSeconds: 60 }
    await enforceRateLimits({ db, now, checks: [{ rule: tight, subject: 'x' }] })
    const error = (await enforceRateLimits({ db, now, checks: [{ rule: tight, subject: 'x' }] }).catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(429)
    expect(error.options.headers?.['Retry-After']).toBe('30')
  })

  it('purges counters of past windows', async () => {
    const now = new Date('2026-01-01T03:00:00Z')
    await hitRateLimit({ db, rule: { ...rule, bucket: 'purge' }, subject: 'p', now })
    const removed = await purgeExpiredRateLimits({ db, now: new Date(now.getTime() + 61_000) })
    expect(removed).toBeGreaterThan(0)
    expect(await db.rateLimitCounter.count({ where: { key: { startsWith: 'purge:' } } })).toBe(0)
  })
})
