// The pass holders this instance scanned lately, with their decrypted TOTP secrets: a scan of a
// known pass skips reading the user row and decrypting its secret (on PostgreSQL one round trip of
// the three a scan made). Nothing is decided on what the cache says: the grant statement checks the
// user again (enabled, same encrypted secret, code unused) and the guess budget, in the database.
// What a stale entry can do is bounded by that: a code of a pass reset elsewhere is refused as
// wrong_code by the grant (without spending the guess budget: it is a real code of the old pass),
// and a code that does not match the cached secret is never counted as a wrong guess before the
// row is read again (validate-scan.ts). Entries live PASS_HOLDER_TTL_MS; a refusal drops them.
// Typed codes (by pass number) are read every time: they are rare, and keyed otherwise.
import { LRUCache } from 'lru-cache'
import type { Db } from '@/lib/db/client'
import { decryptTotpSecret } from './totp-secret'

/** How long a cached holder is used: a renamed person's new name shows on the kiosk after at most this. */
export const PASS_HOLDER_TTL_MS = 10_000
const MAX_ENTRIES = 10_000

export interface PassHolder {
  id: string
  name: string
  disabled: boolean
  totpSecretEnc: string | null
  /** The decrypted secret; null without a pass. */
  secret: Buffer | null
}

const caches = new WeakMap<Db, LRUCache<string, PassHolder>>()

function cacheOf(db: Db) {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new LRUCache<string, PassHolder>({ max: MAX_ENTRIES, ttl: PASS_HOLDER_TTL_MS })))
  return cache
}

/** The holder a pass names (by user id, or by pass number when typed), read from the database now and cached. */
export async function readPassHolder(db: Db, names: { userId: string } | { passNumber: string }): Promise<PassHolder | null> {
  const row = 'userId' in names ? await db.sql.findPassHolder(names.userId) : await db.sql.findPassHolderByNumber(names.passNumber)
  if (!row) {
    if ('userId' in names) cacheOf(db).delete(names.userId)
    return null
  }
  const userId = row.id
  let secret: Buffer | null = null
  if (row.totpSecretEnc) {
    secret = decryptTotpSecret({ encrypted: row.totpSecretEnc, userId: row.id })
    if (!secret) throw new Error(`The TOTP secret of user ${row.id} cannot be decrypted: has APP_SECRET changed?`)
  }
  const holder = { ...row, secret }
  if (!holder.disabled && secret) cacheOf(db).set(userId, holder)
  else cacheOf(db).delete(userId)
  return holder
}

/** The cached holder, if any (never a disabled one, never one without a pass). */
export function cachedPassHolder(db: Db, userId: string): PassHolder | null {
  return cacheOf(db).get(userId) ?? null
}

export function forgetPassHolder(db: Db, userId: string): void {
  cacheOf(db).delete(userId)
}
