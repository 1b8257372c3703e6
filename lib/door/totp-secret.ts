// Per-user TOTP secrets: 160 random bits (RFC 4226's recommended length), stored AES-256-GCM
// encrypted under a key derived from APP_SECRET. The user id is the additional authenticated data,
// so a ciphertext copied onto another user's row fails to decrypt instead of opening their door.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { deriveKey } from '@/lib/secrets'

export const TOTP_SECRET_BYTES = 20
const FORMAT = 'v1'

export function totpEncryptionKey(): Buffer {
  return deriveKey('totp-secret')
}

export function generateTotpSecret(): Buffer {
  return randomBytes(TOTP_SECRET_BYTES)
}

/** `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
export function encryptTotpSecret(options: { secret: Uint8Array; userId: string; key?: Buffer }): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', options.key ?? totpEncryptionKey(), iv)
  cipher.setAAD(Buffer.from(options.userId, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(options.secret), cipher.final()])
  return [FORMAT, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.')
}

/**
 * Secrets already decrypted under the app's key, by user and ciphertext: every scan needs its
 * pass's secret, and setting up a decipher costs more than the rest of the TOTP check. A reset
 * writes a new ciphertext, so a cached entry can never stand for a secret that was replaced.
 */
const decrypted = new Map<string, Buffer>()
const DECRYPTED_CACHE_SIZE = 10_000

/** The secret, or null when the value was tampered with, belongs to another user or another key. */
export function decryptTotpSecret(options: { encrypted: string; userId: string; key?: Buffer }): Buffer | null {
  if (options.key) return decrypt(options)
  const cacheKey = `${options.userId}\0${options.encrypted}`
  const cached = decrypted.get(cacheKey)
  if (cached) return cached
  const secret = decrypt(options)
  if (secret) {
    if (decrypted.size >= DECRYPTED_CACHE_SIZE) decrypted.delete(decrypted.keys().next().value!)
    decrypted.set(cacheKey, secret)
  }
  return secret
}

function decrypt(options: { encrypted: string; userId: string; key?: Buffer }): Buffer | null {
  const [format, iv, tag, ciphertext, ...rest] = options.encrypted.split('.')
  if (format !== FORMAT || !iv || !tag || !ciphertext || rest.length > 0) return null
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      options.key ?? totpEncryptionKey(),
      Buffer.from(iv, 'base64url'),
      // Without a fixed length GCM accepts truncated tags, which are easier to forge.
      { authTagLength: 16 },
    )
    decipher.setAAD(Buffer.from(options.userId, 'utf8'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()])
  } catch {
    return null
  }
}
