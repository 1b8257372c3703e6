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
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  }
}
