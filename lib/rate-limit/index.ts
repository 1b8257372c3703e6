// Fixed-window rate limits whose counters live in the database, so that every app instance counts
// against the same limit. One counter row per bucket, subject and window; the increment is a single
// upsert (INSERT … ON CONFLICT DO UPDATE), so parallel requests cannot lose counts.
import type { Db } from '@/lib/db/client'
import { rateLimited } from '@/lib/http/errors'

export interface RateLimitRule {
  /** What is limited, e.g. "ip" or "otp-subject". */
  bucket: string
  limit: number
  windowSeconds: number
}

export interface RateLimitResult {
  allowed: boolean
  count: number
  retryAfterSeconds: number
}

/** The counter a hit at `now` goes to: its key, when its window ends, and how long until then. */
export function rateLimitWindow(rule: RateLimitRule, subject: string, now: Date) {
  const windowMs = rule.windowSeconds * 1000
  const window = Math.floor(now.getTime() / windowMs)
  const windowEnd = (window + 1) * windowMs
  return {
    key: `${rule.bucket}:${subject}:${window}`,
    expiresAt: new Date(windowEnd),
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
  }
}

export async function hitRateLimit(options: { db: Db; rule: RateLimitRule; subject: string; now: Date }): Promise<RateLimitResult> {
  const { db, rule, subject, now } = options
  const { key, expiresAt, retryAfterSeconds } = rateLimitWindow(rule, subject, now)
  const count = await db.sql.countRateLimitHit({ key, expiresAt })
  return { allowed: count <= rule.limit, count, retryAfterSeconds }
}

/** Counts one request against each rule and throws a 429 with Retry-After when one is exceeded. */
export async function enforceRateLimits(options: { db: Db; now: Date; checks: { rule: RateLimitRule; subject: string }[] }): Promise<void> {
  for (const check of options.checks) {
    const result = await hitRateLimit({ db: options.db, now: options.now, ...check })
    if (!result.allowed) throw rateLimited(result.retryAfterSeconds)
  }
}

export async function purgeExpiredRateLimits(options: { db: Db; now: Date }) {
  const { count } = await options.db.rateLimitCounter.deleteMany({
    where: { expiresAt: { lte: options.now } },
  })
  return count
}
