// Who is calling: an API client (API key or ADMIN_API_KEY), a kiosk (kiosk token) or a signed-in
// user (session cookie). `requireCaller` turns "nobody" into 401 and "wrong kind" into 403.
import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import { refuseCrossSiteChange } from './csrf'
import { findSessionCaller, SESSION_COOKIE } from './sessions'
import { API_KEY_PREFIX, bearerToken, hashToken, KIOSK_TOKEN_PREFIX, readCookie, safeEqual } from './tokens'

export type Caller =
  | { kind: 'api'; apiKeyId: string | null }
  | { kind: 'kiosk'; kioskId: string; kioskName: string }
  | { kind: 'user'; sessionId: string; userId: string; role: string; name: string }

export type CallerKind = 'api' | 'kiosk' | 'user' | 'admin'

/** `lastUsedAt` / `lastSeenAt` are written at most this often per key, not on every request. */
const TOUCH_INTERVAL_MS = 60_000

/**
 * The caller, or null without valid credentials. Throws 403 for a cross-site change made with the
 * session cookie (lib/auth/csrf.ts).
 */
export async function authenticate(options: {
  db: Db
  request: Request
  now: Date
  adminApiKey?: string
}): Promise<Caller | null> {
  const { db, request, now } = options
  const token = bearerToken(request)
  if (token) {
    if (options.adminApiKey && safeEqual(token, options.adminApiKey)) {
      return { kind: 'api', apiKeyId: null }
    }
    const tokenHash = hashToken(token)
    const stale = new Date(now.getTime() - TOUCH_INTERVAL_MS)
    // Tokens say what they are (lib/auth/tokens.ts): a kiosk's is never looked for among API keys.
    const apiKey = token.startsWith(KIOSK_TOKEN_PREFIX) ? null : await db.sql.findApiKeyByHash(tokenHash)
    if (apiKey && !apiKey.revoked) {
      if (!apiKey.lastUsedAt || apiKey.lastUsedAt < stale) await db.sql.markApiKeyUsed({ id: apiKey.id, now, staleBefore: stale })
      return { kind: 'api', apiKeyId: apiKey.id }
    }
    const kiosk = token.startsWith(API_KEY_PREFIX) ? null : await db.sql.findKioskByHash(tokenHash)
    if (kiosk && !kiosk.revoked) {
      if (!kiosk.lastSeenAt || kiosk.lastSeenAt < stale) await db.sql.markKioskSeen({ id: kiosk.id, now, staleBefore: stale })
      return { kind: 'kiosk', kioskId: kiosk.id, kioskName: kiosk.name }
    }
    return null
  }
  const sessionToken = readCookie(request, SESSION_COOKIE)
  if (sessionToken) {
    // Here, where a cookie becomes a caller, so that no cookie-authenticated handler can forget it.
    refuseCrossSiteChange(request)
    const found = await findSessionCaller({ db, token: sessionToken, now })
    if (found) {
      return {
        kind: 'user',
        sessionId: found.sessionId,
        userId: found.user.id,
        role: found.user.role,
        name: found.user.name,
      }
    }
  }
  return null
}

export function callerMatches(caller: Caller, allowed: readonly CallerKind[]): boolean {
  if (allowed.includes(caller.kind)) return true
  return caller.kind === 'user' && caller.role === 'admin' && allowed.includes('admin')
}

/** Authenticates and checks the caller's kind: 401 without valid credentials, 403 for the wrong kind. */
export async function requireCaller(
  options: Parameters<typeof authenticate>[0] & { allow: readonly CallerKind[] },
): Promise<Caller> {
  const caller = await authenticate(options)
  if (!caller) throw new ApiError('unauthorized', 'Missing or invalid credentials', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    })
  if (!callerMatches(caller, options.allow)) {
    throw new ApiError('forbidden', 'These credentials may not use this endpoint')
  }
  return caller
}
