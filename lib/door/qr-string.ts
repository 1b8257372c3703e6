// The door pass string `<base32(user_id)>_<6-digit code>` that seed 000 put in its QR codes.
// Scanners hand us anything a camera can read, so parsing returns a result instead of throwing.
// The base32 is RFC 4648 with `=` padding, byte for byte Python's b32encode; @scure/base decodes it
// strictly (canonical padding, zero trailing bits), so one user id has one spelling. People typing a
// pass at a kiosk may use any case and group it with spaces or dashes: parsing drops those and
// upper-cases the base32 part (neither a space, a dash nor a lower-case letter is in its alphabet).
import { base32 } from '@scure/base'
import { isValidUserId } from '@/lib/users/user-id'
import { TOTP_DIGITS } from './totp'

/** Longer input cannot be a pass: the user id is at most 128 characters (≤ 512 UTF-8 bytes). */
export const QR_STRING_MAX_LENGTH = 1024

export { groupQrString } from './group-qr-string'

export type ParsedQrString = { ok: true; userId: string; code: string } | { ok: false }

const CODE_PATTERN = new RegExp(`^\\d{${TOTP_DIGITS}}$`)
const utf8 = new TextDecoder('utf-8', { fatal: true })

export function formatQrString(userId: string, code: string): string {
  return `${base32.encode(new TextEncoder().encode(userId))}_${code}`
}

export function parseQrString(input: string): ParsedQrString {
  if (input.length > QR_STRING_MAX_LENGTH) return { ok: false }
  const parts = input
    .replace(/[ -]/g, '')
    .replace(/[a-z]/g, (letter) => letter.toUpperCase())
    .split('_')
  if (parts.length !== 2) return { ok: false }
  const [encodedId, code] = parts as [string, string]
  if (!CODE_PATTERN.test(code)) return { ok: false }
  let userId: string
  try {
    // Throws on anything but canonical padded base32, and on bytes that are not UTF-8.
    userId = utf8.decode(base32.decode(encodedId))
  } catch {
    return { ok: false }
  }
  if (!isValidUserId(userId)) return { ok: false }
  return { ok: true, userId, code }
}
