// One scan at a door. The replay check and the grant are a single conditional UPDATE, so two
// instances (or 40 parallel requests) scanning the same code cannot both grant; failed scans write
// nothing to the user row, so they cannot cancel someone's grant. Every answered scan leaves an
// AccessEvent. The statements are the hot path's prepared SQL (db.sql, decision 0010).
import type { Db } from '@/lib/db/client'
import { env } from '@/lib/env'
import { outboxClaim } from '@/lib/events/listeners'
import { kickDoorEvents } from '@/lib/events/runtime'
import { rateLimited } from '@/lib/http/errors'
import { claimSlot, nextFreeSlotAfterFailedClaim, slotKeys } from '@/lib/otp/sliding-window'
import { recordAccessEvent, type ScanReason } from './access-event'
import { cachedPassHolder, forgetPassHolder, readPassHolder } from './pass-holder-cache'
import { parseQrString } from './qr-string'
import { parseShortCode } from './short-code'
import { latestMatchingStep } from './totp'

/** Wrong codes allowed per pass in any 5 minutes, over all kiosks and instances. */
export const SCAN_GUESS_BUDGET = { bucket: 'scan-guess', limit: 10, windowSeconds: 300 }

export interface ScanResult {
  granted: boolean
  reason: ScanReason
  /** The user the scan named, when they exist. */
  userId: string | null
  userName: string | null
  grantedUntil: Date | null
  eventId: number
}

export async function validateScan(options: {
  db: Db
  now: Date
  input: string
  kioskId?: string | null
  /** The door whose rules apply (a kiosk's own, or an API client's ?door=); none: the pass alone. */
  doorId?: string | null
  grantSeconds?: number
}): Promise<ScanResult> {
  const { db, now, input } = options
  const kioskId = options.kioskId ?? null
  const doorId = options.doorId ?? null
  const grantSeconds = options.grantSeconds ?? env.DOOR_GRANT_SECONDS
  const deny = async (reason: ScanReason, user: { id: string; name: string } | null, keepInput = false) => ({
    granted: false,
    reason,
    userId: user?.id ?? null,
    userName: user?.name ?? null,
    grantedUntil: null,
    eventId: await recordAccessEvent({
      db,
      now,
      reason,
      userId: user?.id ?? null,
      kioskId,
      doorId,
      input: keepInput ? input : undefined,
    }),
  })

  // A scanned pass names its user by id; a typed short code (lib/door/short-code.ts) by the pass
  // number. From here on both are the same pass: the same rules, budget and single use.
  const scanned = parseQrString(input)
  const typed = scanned.ok ? null : parseShortCode(input)
  const parsed = scanned.ok ? scanned : typed?.ok ? typed : null
  if (!parsed) return deny('malformed', null, true)

  // A pass scanned lately is checked against its cached holder (lib/door/pass-holder-cache.ts), but
  // only a code that matches it is served from the cache: anything else (a wrong code, which costs
  // a guess, a disabled pass) is decided on the user's row as it is now.
  const cached = 'userId' in parsed ? cachedPassHolder(db, parsed.userId) : null
  let step = cached?.secret ? latestMatchingStep({ secret: cached.secret, code: parsed.code, now }) : null
  const user = cached && step !== null ? cached : await readPassHolder(db, parsed)
  if (!user) return deny('unknown_user', null, true)
  if (user.disabled) return deny('disabled_user', user)
  if (!user.totpSecretEnc || !user.secret) return deny('wrong_code', user)
  if (user !== cached) step = latestMatchingStep({ secret: user.secret, code: parsed.code, now })

  // Per-pass guess budget: 3 of the 10^6 codes are accepted at any moment, so a stolen kiosk token
  // spraying codes at one person's pass must run out of tries long before it hits. The code is
  // compared here, but what the comparison decides happens only inside one statement that checks
  // the budget with it: a wrong code must claim one of the pass's slots, a right one must find one
  // free. So a spent budget answers 429 whatever the code, no burst of parallel guesses on any
  // number of instances gets more than the budget answered, and right codes spend nothing.
  if (step === null) {
    const claim = await claimSlot({ db, now, rule: SCAN_GUESS_BUDGET, subject: user.id })
    if (!claim.ok) throw budgetSpent(claim.retryAfterSeconds)
    return deny('wrong_code', user)
  }

  const outbox = outboxClaim(db, now)
  const scan = await db.sql.grantScan({
    userId: user.id,
    step,
    // A pass reset between our read and the grant must not let the old code through.
    totpSecretEnc: user.totpSecretEnc,
    now,
    kioskId,
    doorId,
    budget: { keys: slotKeys(SCAN_GUESS_BUDGET, user.id) },
    outbox,
  })
  if (outbox) kickDoorEvents(db)
  if (scan.outcome === 'budget_spent') {
    const freeAt = await nextFreeSlotAfterFailedClaim({ db, now, rule: SCAN_GUESS_BUDGET, subject: user.id })
    throw budgetSpent((freeAt.getTime() - now.getTime()) / 1000)
  }
  const { outcome, eventId } = scan
  // The row said otherwise than the cache: read it afresh next time.
  if (outcome === 'wrong_code' || outcome === 'disabled_user' || outcome === 'unknown_user') forgetPassHolder(db, user.id)
  const granted = outcome === 'granted'
  const known = outcome !== 'unknown_user'
  return {
    granted,
    reason: outcome,
    userId: known ? user.id : null,
    userName: known ? user.name : null,
    grantedUntil: granted ? new Date(now.getTime() + grantSeconds * 1000) : null,
    eventId,
  }
}

function budgetSpent(retryAfterSeconds: number) {
  return rateLimited(retryAfterSeconds, 'Too many wrong codes for this pass. Try again later.')
}
