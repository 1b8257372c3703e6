// What the admin API shows of a guest pass. The validity window and the groups live on its holder
// (a User of role "guest"), which is what the scan reads; the token is never shown again.
import { guestPassState, type GuestPassState } from './guest-pass-state'

export interface GuestPassDto {
  id: string
  name: string
  email: string | null
  phone: string | null
  groupIds: string[]
  validFrom: Date
  validUntil: Date
  maxUses: number | null
  uses: number
  state: GuestPassState
  createdAt: Date
  revokedAt: Date | null
}

export const guestPassDtoSelect = {
  id: true,
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
      groups: { select: { groupId: true }, orderBy: { groupId: 'asc' } },
    },
  },
} as const

export interface GuestPassRow {
  id: string
  name: string
  email: string | null
  phone: string | null
  maxUses: number | null
  uses: number
  createdAt: Date
  revokedAt: Date | null
  user: { accessFrom: Date | null; accessUntil: Date | null; groups: { groupId: string }[] }
}

const OPEN_END = new Date('9999-12-31T23:59:59.999Z')

export function toGuestPassDto(pass: GuestPassRow, now: Date): GuestPassDto {
  // createGuestPass sets both and the users API does not edit guests; a holder made open-ended in
  // the database by hand reads as what the scan does with it: valid since creation, never expiring.
  const validFrom = pass.user.accessFrom ?? pass.createdAt
  const validUntil = pass.user.accessUntil ?? OPEN_END
  return {
    id: pass.id,
    name: pass.name,
    email: pass.email,
    phone: pass.phone,
    groupIds: pass.user.groups.map((group) => group.groupId),
    validFrom,
    validUntil,
    maxUses: pass.maxUses,
    uses: pass.uses,
    state: guestPassState({ now, validFrom, validUntil, maxUses: pass.maxUses, uses: pass.uses, revokedAt: pass.revokedAt }),
    createdAt: pass.createdAt,
    revokedAt: pass.revokedAt,
  }
}
