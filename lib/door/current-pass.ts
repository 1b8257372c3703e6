// The door pass a user should show right now. Read-only: enrolment is issueDoorPass's job.
import type { Db } from '@/lib/db/client'
import { passStep } from './pass-step'
import { formatQrString } from './qr-string'
import { formatShortCode } from './short-code'
import { totpCode } from './totp'
import { decryptTotpSecret } from './totp-secret'

export interface DoorPass {
  userId: string
  qrString: string
  /** The same pass to type at a kiosk (lib/door/short-code.ts); null while the user has no pass number. */
  shortCode: string | null
  step: number
  rotatesAt: Date
  secondsUntilRotation: number
  /** 0 unless both the current and the next step's codes were used already. */
  secondsUntilUsable: number
  /** The last grant, so a pass page can tell a second grant from the first one still running. */
  grantedAt: Date | null
}

export type CurrentPassResult =
  { status: 'ok'; pass: DoorPass } | { status: 'unknown_user' } | { status: 'disabled_user' } | { status: 'no_pass' }

export async function currentPass(options: { db: Db; now: Date; userId: string }): Promise<CurrentPassResult> {
  const user = await options.db.user.findUnique({
    where: { id: options.userId },
    select: { id: true, disabled: true, totpSecretEnc: true, passNumber: true, lastTotpStep: true, grantedAt: true },
  })
  if (!user) return { status: 'unknown_user' }
  if (user.disabled) return { status: 'disabled_user' }
  if (!user.totpSecretEnc) return { status: 'no_pass' }
  return {
    status: 'ok',
    pass: buildDoorPass({
      now: options.now,
      userId: user.id,
      totpSecretEnc: user.totpSecretEnc,
      passNumber: user.passNumber,
      lastTotpStep: user.lastTotpStep,
      grantedAt: user.grantedAt,
    }),
  }
}

export function buildDoorPass(options: {
  now: Date
  userId: string
  totpSecretEnc: string
  passNumber?: string | null
  lastTotpStep: number | null
  grantedAt?: Date | null
}): DoorPass {
  const { now, userId } = options
  const secret = decryptTotpSecret({ encrypted: options.totpSecretEnc, userId })
  if (!secret) {
    throw new Error(`The TOTP secret of user ${userId} cannot be decrypted: has APP_SECRET changed?`)
  }
  const { step, rotatesAt, usableAt } = passStep({ now, lastTotpStep: options.lastTotpStep })
  const code = totpCode({ secret, step })
  return {
    userId,
    qrString: formatQrString(userId, code),
    shortCode: options.passNumber ? formatShortCode(options.passNumber, code) : null,
    step,
    rotatesAt,
    secondsUntilRotation: Math.ceil((rotatesAt.getTime() - now.getTime()) / 1000),
    secondsUntilUsable: Math.ceil((usableAt.getTime() - now.getTime()) / 1000),
    grantedAt: options.grantedAt ?? null,
  }
}
