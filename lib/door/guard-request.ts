// The start of every door and admin handler: count the request against its IP limit (before
// authenticating, so that guessing credentials is limited too), then require the right caller.
import { requireCaller, type Caller, type CallerKind } from '@/lib/auth/authenticate'
import type { Db } from '@/lib/db/client'
import { env } from '@/lib/env'
import { clientIp } from '@/lib/http/client-ip'
import { enforceRateLimits, type RateLimitRule } from '@/lib/rate-limit'

export async function guardRequest(options: {
  db: Db
  request: Request
  now: Date
  rateLimit: RateLimitRule
  allow: readonly CallerKind[]
}): Promise<Caller> {
  const { db, request, now } = options
  await enforceRateLimits({ db, now, checks: [{ rule: options.rateLimit, subject: clientIp(request) }] })
  return requireCaller({ db, request, now, adminApiKey: env.ADMIN_API_KEY, allow: options.allow })
}
