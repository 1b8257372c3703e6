// What the guest's page (/g/{token}) shows: the pass and its state, and the rotating QR code while
// the pass is active, made by the same code as a signed-in user's /pass. The token is the
// credential: an unknown one is 404, whatever it looks like.
import { hashToken } from '@/lib/auth/tokens'
import type { Db } from '@/lib/db/client'
import { isGrantActive } from '@/lib/door/grant'
import { issueDoorPass } from '@/lib/door/issue-door-pass'
import { ApiError } from '@/lib/http/errors'
import { toGuestPassDto, type GuestPassRow } from './guest-pass-dto'
import type { GuestPassState } from './guest-pass-state'
import { isGuestTokenShaped } from './guest-token'

export interface GuestView {
  name: string
  state: GuestPassState
  validFrom: Date
  validUntil: Date
  maxUses: number | null
  uses: number
  qrString: string | null
  /** The same pass to type at a kiosk (lib/door/short-code.ts). */
  shortCode: string | null
  secondsUntilRotation: number | null
  secondsUntilUsable: number | null
  granted: boolean
}

export async function readGuestView(options: { db: Db; now: Date; token: string }): Promise<GuestView> {
  const { db, now, token } = options
  const row = isGuestTokenShaped(token)
    ? await db.guestPass.findUnique({
        where: { tokenHash: hashToken(token) },
        select: {
          id: true,
          userId: true,
          name: true,
          email: true,
          phone: true,
          maxUses: true,
          uses: true,
          createdAt: true,
          revokedAt: true,
          user: {
            select: {
              accessFrom: true,
              accessUntil: true,
              grantedAt: true,
              disabled: true,
              groups: { select: { groupId: true } },
            },
          },
        },
      })
    : null
  if (!row) throw new ApiError('not_found', 'No such guest pass')
  const pass = toGuestPassDto(row satisfies GuestPassRow, now)
  const current = pass.state === 'active' ? await issueDoorPass({ db, now, userId: row.userId, enrolUnknown: false }) : null
  const door = current?.status === 'ok' ? current.pass : null
  return {
    name: pass.name,
    state: pass.state,
    validFrom: pass.validFrom,
    validUntil: pass.validUntil,
    maxUses: pass.maxUses,
    uses: pass.uses,
    qrString: door?.qrString ?? null,
    shortCode: door?.shortCode ?? null,
    secondsUntilRotation: door?.secondsUntilRotation ?? null,
    secondsUntilUsable: door?.secondsUntilUsable ?? null,
    granted: isGrantActive({ grantedAt: row.user.grantedAt, disabled: row.user.disabled, now }),
  }
}
