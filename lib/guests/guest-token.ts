// The guest's link carries a 128-bit random token: the link is the credential, so it must not be
// guessable, and 22 characters keep the link short in an SMS. Only its SHA-256 is stored
// (lib/auth/tokens.ts); the link is shown once.
import { randomBytes } from 'node:crypto'

export function generateGuestToken(): string {
  return randomBytes(16).toString('base64url')
}

/** Anything else in the path is no token of ours: answered 404 like an unknown one, unhashed. */
export function isGuestTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(token)
}
