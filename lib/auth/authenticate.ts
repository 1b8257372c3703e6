// Who is calling: an API client (API key or ADMIN_API_KEY), a kiosk (kiosk token) or a signed-in
// user (session cookie). `requireCaller` turns "nobody" into 401 and "wrong kind" into 403.
import type { Db } from '@/lib/db/client'
import type { CredentialRecords, CredentialTable } from '@/lib/db/statements/types'
import { ApiError } from '@/lib/http/errors'
import { refuseCrossSiteChange } from './csrf'
import { liveSessionCaller, SESSION_COOKIE } from './sessions'
import { API_KEY_PREFIX, bearerToken, digestMatchesSecret, hashToken, KIOSK_TOKEN_PREFIX, readCookie, tokenDigest } from './tokens'

export type Caller =
  | { kind: 'api'; apiKeyId: string | null }
  | { kind: 'kiosk'; kioskId: string; kioskName: string; doorId: string | null }
  | { kind: 'user'; sessionId: string; userId: string; role: string; name: string }

export type CallerKind = 'api' | 'kiosk' | 'user' | 'admin'

/** `lastUsedAt` / `lastSeenAt` are written at most this often per key, not on every request. */
const TOUCH_INTERVAL_MS = 60_000

/** The credential a request carries, read from its headers before anything is looked up. */
export type PresentedCredential =
  | { kind: 'admin-api-key' }
  /** A bearer token, hashed, and the tables to look for it in, in order. */
  | { kind: 'bearer'; tokenHash: string; tables: ('apiKey' | 'kiosk')[] }
  | { kind: 'session'; tokenHash: string }

export function presentedCredential(request: Request, adminApiKey?: string): PresentedCredential | null {
  const token = bearerToken(request)
  if (token) {
    // One digest serves both: the comparison with ADMIN_API_KEY and the stored hash looked up.
    const digest = tokenDigest(token)
    if (adminApiKey && digestMatchesSecret(digest, adminApiKey)) return { kind: 'admin-api-key' }
    // Tokens say what they are (lib/auth/tokens.ts): a kiosk's is never looked for among API keys.
    const tables: ('apiKey' | 'kiosk')[] = token.startsWith(KIOSK_TOKEN_PREFIX)
      ? ['kiosk']
      : token.startsWith(API_KEY_PREFIX)
        ? ['apiKey']
        : ['apiKey', 'kiosk']
    return { kind: 'bearer', tokenHash: digest.toString('hex'), tables }
  }
  const sessionToken = readCookie(request, SESSION_COOKIE)
  return sessionToken ? { kind: 'session', tokenHash: hashToken(sessionToken) } : null
}

/** The first look-up a credential needs, which lib/http/guard.ts makes along with the rate-limit count. */
export function firstLookup(credential: PresentedCredential | null): { table: CredentialTable; tokenHash: string } | null {
  if (credential?.kind === 'bearer') return { table: credential.tables[0]!, tokenHash: credential.tokenHash }
  if (credential?.kind === 'session') return { table: 'session', tokenHash: credential.tokenHash }
  return null
}

/** A look-up already made for this request, so it is not made twice. */
export type PrefetchedRecord = { [T in CredentialTable]: { table: T; record: CredentialRecords[T] | null } }[CredentialTable]

/**
 * The caller, or null without valid credentials. Throws 403 for a cross-site change made with a
 * live session's cookie (lib/auth/csrf.ts).
 */
export async function authenticate(options: {
  db: Db
  request: Request
  now: Date
  adminApiKey?: string
  credential?: PresentedCredential | null
  prefetched?: PrefetchedRecord
}): Promise<Caller | null> {
  const { db, request, now, prefetched } = options
  const credential = options.credential !== undefined ? options.credential : presentedCredential(request, options.adminApiKey)
  if (!credential) return null
  if (credential.kind === 'admin-api-key') return { kind: 'api', apiKeyId: null }
  const stale = new Date(now.getTime() - TOUCH_INTERVAL_MS)

  if (credential.kind === 'bearer') {
    const { tokenHash, tables } = credential
    if (tables.includes('apiKey')) {
      const apiKey = prefetched?.table === 'apiKey' ? prefetched.record : await db.sql.findApiKeyByHash(tokenHash)
      if (apiKey && !apiKey.revoked) {
        if (!apiKey.lastUsedAt || apiKey.lastUsedAt < stale) await db.sql.markApiKeyUsed({ id: apiKey.id, now, staleBefore: stale })
        return { kind: 'api', apiKeyId: apiKey.id }
      }
    }
    if (tables.includes('kiosk')) {
      const kiosk = prefetched?.table === 'kiosk' ? prefetched.record : await db.sql.findKioskByHash(tokenHash)
      if (kiosk && !kiosk.revoked) {
        if (!kiosk.lastSeenAt || kiosk.lastSeenAt < stale) await db.sql.markKioskSeen({ id: kiosk.id, now, staleBefore: stale })
        return { kind: 'kiosk', kioskId: kiosk.id, kioskName: kiosk.name, doorId: kiosk.doorId }
      }
    }
    return null
  }

  const session = prefetched?.table === 'session' ? prefetched.record : await db.sql.findSessionByHash(credential.tokenHash)
  const found = liveSessionCaller(session, now)
  // A cookie of no live session is no credential (401, as without one): the cross-site check is for
  // callers, made here, where a cookie becomes one, so that no cookie-authenticated handler forgets it.
  if (!found) return null
  refuseCrossSiteChange(request)
  return { kind: 'user', sessionId: found.sessionId, userId: found.user.id, role: found.user.role, name: found.user.name }
}

export function callerMatches(caller: Caller, allowed: readonly CallerKind[]): boolean {
  if (allowed.includes(caller.kind)) return true
  return caller.kind === 'user' && caller.role === 'admin' && allowed.includes('admin')
}

/** Authenticates and checks the caller's kind: 401 without valid credentials, 403 for the wrong kind. */
export async function requireCaller(options: Parameters<typeof authenticate>[0] & { allow: readonly CallerKind[] }): Promise<Caller> {
  const caller = await authenticate(options)
  if (!caller)
    throw new ApiError('unauthorized', 'Missing or invalid credentials', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    })
  if (!callerMatches(caller, options.allow)) {
    throw new ApiError('forbidden', 'These credentials may not use this endpoint')
  }
  return caller
}
