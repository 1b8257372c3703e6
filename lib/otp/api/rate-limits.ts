// Request limits of the public OTP endpoints, in the database so that every instance counts
// together: per client IP across all OTP endpoints, and per subject (phone number, user id, e-mail)
// for each action that sends a message or checks a code.
import type { Db } from '@/lib/db/client'
import { env } from '@/lib/env'
import { enforceRateLimits, type RateLimitRule } from '@/lib/rate-limit'

/** Per client IP across all the OTP endpoints, declared by their routes (lib/http/route.ts). */
export const otpIpRateLimit: RateLimitRule = {
  bucket: 'otp-ip',
  windowSeconds: 60,
  // Read when counted, not when loaded, like every setting the limits take from env.
  get limit() {
    return env.RATE_LIMIT_IP_PER_MINUTE
  },
}

/** `bucket` names the action, e.g. "seed001-send"; each subject is counted in it separately. */
export function limitBySubject(o: { db: Db; now: Date; bucket: string; subjects: string[] }): Promise<void> {
  const rule = { bucket: o.bucket, limit: env.RATE_LIMIT_SUBJECT_PER_HOUR, windowSeconds: 3600 }
  return enforceRateLimits({ db: o.db, now: o.now, checks: o.subjects.map((subject) => ({ rule, subject })) })
}
