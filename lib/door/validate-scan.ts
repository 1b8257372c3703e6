// One scan at a door. The replay check and the grant are a single conditional UPDATE, so two
// instances (or 40 parallel requests) scanning the same code cannot both grant; failed scans write
// nothing to the user row, so they cannot cancel someone's grant. Every scan leaves an AccessEvent.
import { timingSafeEqual } from 'node:crypto'
import type { Db } from '@/lib/db/client'
import { env } from '@/lib/env'
import { rateLimited } from '@/lib/http/errors'
import { claimSlot, nextFreeSlotAt } from '@/lib/otp/sliding-window'
import { recordAccessEvent, type ScanReason } from './access-event'
import { parseQrString } from './qr-string'
import { acceptedSteps, totpCode } from './totp'
import { decryptTotpSecret } from './totp-secret'

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
  grantSeconds?: number
}): Promise<ScanResult> {
  const { db, now, input } = options
  const kioskId = options.kioskId ?? null
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
      input: keepInput ? input : undefined,
    }),
  })

  const parsed = parseQrString(input)
  if (!parsed.ok) return deny('malformed', null, true)

  const user = await db.user.findUnique({
    where: { id: parsed.userId },
    select: { id: true, name: true, disabled: true, totpSecretEnc: true },
  })
  if (!user) return deny('unknown_user', null, true)
  if (user.disabled) return deny('disabled_user', user)
  if (!user.totpSecretEnc) return deny('wrong_code', user)

  const secret = decryptTotpSecret({ encrypted: user.totpSecretEnc, userId: user.id })
  if (!secret) {
    throw new Error(`The TOTP secret of user ${user.id} cannot be decrypted: has APP_SECRET changed?`)
  }
  // Per-pass guess budget: 3 of the 10^6 codes are accepted at any moment, so a stolen kiosk token
  // spraying codes at one person's pass must run out of tries long before it hits. Only wrong codes
  // claim a slot (one INSERT/UPDATE), so the same right code scanned many times at once is answered
  // as a replay, not refused; a pass whose budget is spent is not checked at all. Requests already in
  // flight when the budget runs out are still compared, so the bound is the budget plus those.
  const freeAt = await nextFreeSlotAt({ db, now, rule: SCAN_GUESS_BUDGET, subject: user.id })
  if (freeAt > now) {
    throw rateLimited((freeAt.getTime() - now.getTime()) / 1000, 'Too many wrong codes for this pass. Try again later.')
  }
  const given = Buffer.from(parsed.code)
  const matching = acceptedSteps(now).filter((step) =>
    timingSafeEqual(Buffer.from(totpCode({ secret, step })), given),
  )
  if (matching.length === 0) {
    await claimSlot({ db, now, rule: SCAN_GUESS_BUDGET, subject: user.id })
    return deny('wrong_code', user)
  }
  // Two steps can share a code by chance; accepting the later one burns both, as it should.
  const step = Math.max(...matching)
  const secretEnc = user.totpSecretEnc

  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: {
        id: user.id,
        disabled: false,
        // A pass reset between our read and this write must not let the old code through.
        totpSecretEnc: secretEnc,
        OR: [{ lastTotpStep: null }, { lastTotpStep: { lt: step } }],
      },
      data: { lastTotpStep: step, grantedAt: now },
    })
    const reason: ScanReason = count === 1 ? 'granted' : await whyNotGranted(tx, user.id, secretEnc)
    const granted = reason === 'granted'
    const eventId = await recordAccessEvent({
      db: tx,
      now,
      reason,
      userId: reason === 'unknown_user' ? null : user.id,
      kioskId,
    })
    return {
      granted,
      reason,
      userId: reason === 'unknown_user' ? null : user.id,
      userName: reason === 'unknown_user' ? null : user.name,
      grantedUntil: granted ? new Date(now.getTime() + grantSeconds * 1000) : null,
      eventId,
    }
  })
}

/** The conditional update matched nothing: tell the access log why. */
async function whyNotGranted(tx: Pick<Db, 'user'>, userId: string, secretEnc: string): Promise<ScanReason> {
  const current = await tx.user.findUnique({
    where: { id: userId },
    select: { disabled: true, totpSecretEnc: true },
  })
  if (!current) return 'unknown_user'
  if (current.disabled) return 'disabled_user'
  if (current.totpSecretEnc !== secretEnc) return 'wrong_code'
  return 'replay'
}
