// A grant is not a flag that a timer clears (the seed's background task): it is the stored time of
// the last granted scan, read against `now`, so every instance agrees and a restart loses nothing.
import { env } from '@/lib/env'

export function isGrantActive(options: { grantedAt: Date | null; disabled: boolean; now: Date; grantSeconds?: number }): boolean {
  const { grantedAt, disabled, now } = options
  if (disabled || !grantedAt) return false
  return now.getTime() < grantedAt.getTime() + (options.grantSeconds ?? env.DOOR_GRANT_SECONDS) * 1000
}
