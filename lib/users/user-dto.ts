// What the admin API shows of a user: never the TOTP secret, only whether there is one.
export interface UserDto {
  id: string
  name: string
  email: string | null
  phone: string | null
  role: string
  disabled: boolean
  hasPass: boolean
  lastGrantedAt: Date | null
  /** The access groups the user is in (lib/access). */
  groupIds: string[]
  /** The validity window of the user's access; null: open-ended. */
  accessFrom: Date | null
  accessUntil: Date | null
  createdAt: Date
  updatedAt: Date
}

export const userDtoSelect = {
  id: true,
  name: true,
  email: true,
  phone: true,
  role: true,
  disabled: true,
  totpSecretEnc: true,
  grantedAt: true,
  accessFrom: true,
  accessUntil: true,
  groups: { select: { groupId: true }, orderBy: { groupId: 'asc' } },
  createdAt: true,
  updatedAt: true,
} as const

export function toUserDto(user: {
  id: string
  name: string
  email: string | null
  phone: string | null
  role: string
  disabled: boolean
  totpSecretEnc: string | null
  grantedAt: Date | null
  accessFrom: Date | null
  accessUntil: Date | null
  groups: { groupId: string }[]
  createdAt: Date
  updatedAt: Date
}): UserDto {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    phone: user.phone,
    role: user.role,
    disabled: user.disabled,
    hasPass: user.totpSecretEnc !== null,
    lastGrantedAt: user.grantedAt,
    groupIds: user.groups.map((group) => group.groupId),
    accessFrom: user.accessFrom,
    accessUntil: user.accessUntil,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  }
}
