// The short code people type at a kiosk when its camera cannot read their screen: the same pass as
// the QR string, made typeable. The user is named by their pass number (User.passNumber: 6 random
// characters of Crockford's base32, unique) instead of the base32 of their id, and the code is the
// same 6-digit TOTP code, so a typed short code is checked by the same rules as a scan
// (validate-scan.ts). Shown as `K7QM 2X · 123 456`; read back in any case, with spaces, dashes and
// the dot ignored and Crockford's look-alikes mapped (O → 0, I and L → 1).
// Client code too (the pass page groups it): no server imports here.

/** Crockford's base32: the digits and the letters but I, L, O and U, which read as 1, 1, 0 and V. */
export const PASS_NUMBER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** 32^6 ≈ 10^9 numbers: a collision among a building's users is rare, and retried (assign-pass-number.ts). */
export const PASS_NUMBER_LENGTH = 6
const CODE_DIGITS = 6
/** Longer input is no short code, however many spaces it holds. */
const SHORT_CODE_MAX_INPUT = 64

const PASS_NUMBER_PATTERN = new RegExp(`^[${PASS_NUMBER_ALPHABET}]{${PASS_NUMBER_LENGTH}}$`)
const SHORT_CODE_PATTERN = new RegExp(`^([${PASS_NUMBER_ALPHABET}]{${PASS_NUMBER_LENGTH}})(\\d{${CODE_DIGITS}})$`)
const LOOK_ALIKES: Record<string, string> = { O: '0', I: '1', L: '1' }

export type ParsedShortCode = { ok: true; passNumber: string; code: string } | { ok: false }

/** A new random pass number (crypto.getRandomValues: 256 is a multiple of 32, so every character is equally likely). */
export function newPassNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(PASS_NUMBER_LENGTH))
  return Array.from(bytes, (byte) => PASS_NUMBER_ALPHABET[byte & 31]).join('')
}

export function isPassNumber(value: string): boolean {
  return PASS_NUMBER_PATTERN.test(value)
}

export function formatShortCode(passNumber: string, code: string): string {
  return `${passNumber}${code}`
}

/** `K7QM2X123456` → `K7QM 2X · 123 456`: the pass number in 4 + 2, the code in two halves. */
export function groupShortCode(shortCode: string): string {
  const number = shortCode.slice(0, PASS_NUMBER_LENGTH)
  const code = shortCode.slice(PASS_NUMBER_LENGTH)
  return `${number.slice(0, 4)} ${number.slice(4)} · ${code.slice(0, 3)} ${code.slice(3)}`
}

export function parseShortCode(input: string): ParsedShortCode {
  if (input.length > SHORT_CODE_MAX_INPUT) return { ok: false }
  const normalised = input
    .replace(/[ \-·]/g, '')
    .replace(/[a-z]/g, (letter) => letter.toUpperCase())
    .replace(/[OIL]/g, (letter) => LOOK_ALIKES[letter]!)
  const match = SHORT_CODE_PATTERN.exec(normalised)
  if (!match) return { ok: false }
  return { ok: true, passNumber: match[1]!, code: match[2]! }
}
