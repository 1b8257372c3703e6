// Per-IP limits of the door and admin endpoints. Separate buckets, so that a busy door cannot
// lock an administrator out and the pass page's polling does not eat into either.
import { env } from '@/lib/env'
import type { RateLimitRule } from '@/lib/rate-limit'

export const doorRateLimits = {
  door: { bucket: 'door-ip', limit: env.RATE_LIMIT_IP_PER_MINUTE, windowSeconds: 60 },
  poll: { bucket: 'poll-ip', limit: env.RATE_LIMIT_POLL_PER_MINUTE, windowSeconds: 60 },
  admin: { bucket: 'admin-ip', limit: env.RATE_LIMIT_IP_PER_MINUTE, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>
