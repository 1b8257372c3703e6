// Bearer tokens, API keys and session cookies are 256-bit random strings; only their SHA-256 is
// stored. A plain hash (no key, no salt) is enough for values with this much entropy and lets us
// find the row by an indexed lookup.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export type TokenKind = 'key' | 'kiosk' | 'session'

export const API_KEY_PREFIX = 'qrd_key_'
export const KIOSK_TOKEN_PREFIX = 'qrd_kiosk_'

/** A new secret token, `qrd_<kind>_<43 base64url chars>`; the prefix tells people (and authenticate()) what it is. */
export function generateToken(kind: TokenKind): string {
  return `qrd_${kind}_${randomBytes(32).toString('base64url')}`
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

const sha256 = (value: string) => createHash('sha256').update(value).digest()

/** The digest of a long-lived secret (ADMIN_API_KEY), computed once rather than on every request. */
const digests = new Map<string, Buffer>()

export function safeEqual(given: string, secret: string): boolean {
  let expected = digests.get(secret)
  if (!expected) digests.set(secret, (expected = sha256(secret)))
  return timingSafeEqual(sha256(given), expected)
}

export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization')
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i)
  return match?.[1]
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie')
  if (!header) return undefined
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index === -1) continue
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim())
      } catch {
        return undefined
      }
    }
  }
  return undefined
}
