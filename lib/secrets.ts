// APP_SECRET and the keys derived from it. When APP_SECRET is not set, a random one is generated
// into DATA_DIR on first start and reused after, so codes and sessions survive restarts.
import 'server-only'
import { createHmac, hkdfSync, randomBytes } from 'node:crypto'
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
