// APP_SECRET and the keys derived from it. When APP_SECRET is not set, a random one is generated
// into DATA_DIR on first start and reused after, so codes and sessions survive restarts.
import 'server-only'
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { env } from '@/lib/env'

export function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'app-secret')
  mkdirSync(dataDir, { recursive: true })
  // Written whole to a private temporary file, then linked into place: link() fails if the file
  // exists, so of two instances starting at once one wins, and neither can read a half-written file.
  const draft = join(dataDir, `.app-secret-${process.pid}-${randomBytes(4).toString('hex')}`)
  writeFileSync(draft, randomBytes(32).toString('base64url') + '\n', { mode: 0o600 })
  try {
    linkSync(draft, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    unlinkSync(draft)
  }
  const secret = readFileSync(file, 'utf8').trim()
  if (secret.length < 32) throw new Error(`${file} holds a secret shorter than 32 characters`)
  return secret
}

let appSecret: string | undefined

export function getAppSecret(): string {
  return (appSecret ??= env.APP_SECRET ?? loadOrCreateSecret(env.DATA_DIR))
}

const derived = new Map<string, Buffer>()

/** A 32-byte key for one purpose ("otp-hash", "totp-encryption", …), derived with HKDF. */
export function deriveKey(purpose: string): Buffer {
  let key = derived.get(purpose)
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', getAppSecret(), 'qr-door', purpose, 32))
    derived.set(purpose, key)
  }
  return key
}

/** HMAC-SHA-256 keyed for one purpose, hex encoded. */
export function keyedHash(purpose: string, value: string): string {
  return createHmac('sha256', deriveKey(purpose)).update(value).digest('hex')
}

const SEAL_FORMAT = 'v1'

/**
 * AES-256-GCM under the key of `purpose`, bound to `boundTo` (the row's id, so a sealed value copied
 * to another row does not open): for what the app must read back, such as a queued sign-in code or
 * a webhook secret. "v1.<iv>.<tag>.<ciphertext>", base64url.
 */
export function sealText(purpose: string, text: string, boundTo: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', deriveKey(purpose), iv)
  cipher.setAAD(Buffer.from(boundTo, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
  return [SEAL_FORMAT, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'))].join('.')
}

/** sealText's text, or null when it does not open (another APP_SECRET, another row, damaged). */
export function unsealText(purpose: string, sealed: string, boundTo: string): string | null {
  const [format, iv, tag, ciphertext, ...rest] = sealed.split('.')
  if (format !== SEAL_FORMAT || !iv || !tag || !ciphertext || rest.length > 0) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(purpose), Buffer.from(iv, 'base64url'), { authTagLength: 16 })
    decipher.setAAD(Buffer.from(boundTo, 'utf8'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
