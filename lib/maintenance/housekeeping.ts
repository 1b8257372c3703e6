// Deletes rows whose only purpose has passed: rate-limit counters of past windows, expired OTP
// challenges, sessions that expired or were revoked long enough ago, and old webhook deliveries. Correctness never depends
// on it (every check compares times itself); it only keeps the tables small.
import type { Db } from '@/lib/db/client'
import { purgeExpiredChallenges } from '@/lib/otp/engine'
import { purgeExpiredRateLimits } from '@/lib/rate-limit'

/** Ended sessions are kept this long, so "signed out" can still be told apart from "never existed". */
const ENDED_SESSION_RETENTION_MS = 7 * 24 * 3_600_000
/** Webhook deliveries that are done (sent or given up) stay in the console's log this long. */
export const WEBHOOK_DELIVERY_RETENTION_MS = 30 * 24 * 3_600_000

export async function runHousekeeping(options: { db: Db; now: Date }) {
  const { db, now } = options
  const cutoff = new Date(now.getTime() - ENDED_SESSION_RETENTION_MS)
  const deliveriesBefore = new Date(now.getTime() - WEBHOOK_DELIVERY_RETENTION_MS)
  const [rateLimitCounters, challenges, sessions, webhookDeliveries] = await Promise.all([
    purgeExpiredRateLimits({ db, now }),
    purgeExpiredChallenges({ db, now }),
    db.session.deleteMany({ where: { OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] } }).then((result) => result.count),
    db.webhookDelivery
      .deleteMany({ where: { status: { in: ['sent', 'failed'] }, createdAt: { lt: deliveriesBefore } } })
      .then((result) => result.count),
  ])
  return { rateLimitCounters, challenges, sessions, webhookDeliveries }
}

/** Runs housekeeping now and then every `intervalMs`, without keeping the process alive. */
export function scheduleHousekeeping(options: { db: Db; intervalMs: number }) {
  const run = () =>
    runHousekeeping({ db: options.db, now: new Date() }).catch((error: unknown) => console.error('[qr-door] housekeeping failed:', error))
  void run()
  setInterval(run, options.intervalMs).unref()
}
