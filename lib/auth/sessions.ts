// Database sessions for browser logins: the cookie holds a random token, the database its hash,
// so a session can be revoked (sign-out, sign out everywhere, disabled user) at once.
import { randomUUID } from 'node:crypto'
import type { Db } from '@/lib/db/client'
import type { SessionRecord } from '@/lib/db/statements/types'
import { generateToken, hashToken } from './tokens'

export const SESSION_COOKIE = 'qrdoor_session'

export async function createSession(options: {
  db: Db
  userId: string
  now: Date
  ttlHours: number
}): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken('session')
  const expiresAt = new Date(options.now.getTime() + options.ttlHours * 3_600_000)
  await options.db.session.create({
    data: {
      id: randomUUID(),
      tokenHash: hashToken(token),
      userId: options.userId,
      createdAt: options.now,
      lastSeenAt: options.now,
      expiresAt,
    },
  })
  return { token, expiresAt }
}

/** The session's user, if the token names a live session of an enabled user. */
export async function findSessionUser(options: { db: Db; token: string; now: Date }) {
  const session = await options.db.session.findUnique({
    where: { tokenHash: hashToken(options.token) },
    include: { user: true },
  })
  if (!session || session.revokedAt || session.expiresAt <= options.now || session.user.disabled) {
    return null
  }
  return { sessionId: session.id, user: session.user }
}

/**
 * The same check for API requests, on the hot path's prepared statement (db.sql): the session and
 * the few user fields a caller carries, in one indexed read.
 */
export async function findSessionCaller(options: { db: Db; token: string; now: Date }) {
  return liveSessionCaller(await options.db.sql.findSessionByHash(hashToken(options.token)), options.now)
}

/** A looked-up session as a caller, if it is live and its user enabled. */
export function liveSessionCaller(session: SessionRecord | null, now: Date) {
  if (!session || session.revoked || session.expiresAt <= now || session.user.disabled) return null
  return { sessionId: session.id, user: session.user }
}

export async function revokeSession(options: { db: Db; token: string; now: Date }) {
  await options.db.session.updateMany({
    where: { tokenHash: hashToken(options.token), revokedAt: null },
    data: { revokedAt: options.now },
  })
}

export async function revokeUserSessions(options: { db: Db; userId: string; now: Date }) {
  const { count } = await options.db.session.updateMany({
    where: { userId: options.userId, revokedAt: null },
    data: { revokedAt: options.now },
  })
  return count
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Expires=${expiresAt.toUTCString()}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', new Date(0), secure)
}
