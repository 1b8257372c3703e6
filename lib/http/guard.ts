// The start of every authenticated handler: count the request against its IP limit (before
// authenticating, so that guessing credentials is limited too), then require the right caller.
// Both happen in the request's first statement: the count and the look-up of the credential it
// carries (db.sql.countHitAndFindCredential), one round trip instead of two (decision 0010).
import {
  firstLookup,
  presentedCredential,
  requireCaller,
  type Caller,
  type CallerKind,
  type PrefetchedRecord,
} from '@/lib/auth/authenticate'
import type { Db } from '@/lib/db/client'
import { env } from '@/lib/env'
import { rateLimitWindow, type RateLimitRule } from '@/lib/rate-limit'
import { clientIp } from './client-ip'
import { rateLimited } from './errors'

export async function guardRequest(options: {
  db: Db
  request: Request
  now: Date
  rateLimit: RateLimitRule
  allow: readonly CallerKind[]
}): Promise<Caller> {
  const { db, request, now, rateLimit } = options
  const credential = presentedCredential(request, env.ADMIN_API_KEY)
  const lookup = firstLookup(credential)
  const { key, expiresAt, retryAfterSeconds } = rateLimitWindow(rateLimit, clientIp(request), now)
  let count: number
  let prefetched: PrefetchedRecord | undefined
  if (lookup) {
    const result = await db.sql.countHitAndFindCredential({ key, expiresAt, credential: lookup })
    count = result.count
    prefetched = { table: lookup.table, record: result.found } as PrefetchedRecord
  } else {
    count = await db.sql.countRateLimitHit({ key, expiresAt })
  }
  if (count > rateLimit.limit) throw rateLimited(retryAfterSeconds)
  return requireCaller({ db, request, now, allow: options.allow, credential, prefetched })
}

/** The same count for a route that anyone may call: no credential is looked at. */
export async function limitRequest(options: { db: Db; request: Request; now: Date; rateLimit: RateLimitRule }) {
  const { key, expiresAt, retryAfterSeconds } = rateLimitWindow(options.rateLimit, clientIp(options.request), options.now)
  const count = await options.db.sql.countRateLimitHit({ key, expiresAt })
  if (count > options.rateLimit.limit) throw rateLimited(retryAfterSeconds)
}
