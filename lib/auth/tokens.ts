// Bearer tokens, API keys and session cookies are 256-bit random strings; only their SHA-256 is
// stored. A plain hash (no key, no salt) is enough for values with this much entropy and lets us
// find the row by an indexed lookup.
import { hash, randomBytes, timingSafeEqual } from 'node:crypto'

export type TokenKind = 'key' | 'kiosk' | 'session'

export const API_KEY_PREFIX = 'qrd_key_'
export const KIOSK_TOKEN_PREFIX = 'qrd_kiosk_'

/** A new secret token, `qrd_<kind>_<43 base64url chars>`; the prefix tells people (and authenticate()) what it is. */
export function generateToken(kind: TokenKind): string {
  return `qrd_${kind}_${randomBytes(32).toString('base64url')}`
}

/** A token's SHA-256 (crypto.hash: one call, no Hash object, on every authenticated request). */
export function tokenDigest(token: string): Buffer {
  return hash('sha256', token, 'buffer')
}

/** What is stored of a token: its SHA-256 in hex. */
export function hashToken(token: string): string {
  return tokenDigest(token).toString('hex')
}

/** The digest of a long-lived secret (ADMIN_API_KEY), computed once rather than on every request. */
const digests = new Map<string, Buffer>()

/** Whether `digest` is the SHA-256 of `secret`, compared in constant time. */
export function digestMatchesSecret(digest: Buffer, secret: string): boolean {
  let expected = digests.get(secret)
  if (!expected) digests.set(secret, (expected = tokenDigest(secret)))
  return timingSafeEqual(digest, expected)
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
