// Where a guest pass stands at `now`. The scan decides by the same facts in the same order (lib/
// access/door-rules.ts: not_yet_valid, access_expired, uses_exhausted; a revoked pass's holder is
// refused like a disabled user), so the list and the guest's page say what a kiosk would do.
import type { GuestPassState } from '@/lib/access/api-schemas'

export type { GuestPassState }

export function guestPassState(pass: {
  now: Date
  validFrom: Date
  validUntil: Date
  maxUses: number | null
  uses: number
  revokedAt: Date | null
}): GuestPassState {
  const { now } = pass
  if (pass.revokedAt) return 'revoked'
  if (pass.validUntil <= now) return 'expired'
  if (pass.maxUses !== null && pass.uses >= pass.maxUses) return 'used_up'
  if (pass.validFrom > now) return 'upcoming'
  return 'active'
}
