// POST /api/auth/logout — end this browser's session.
import { refuseCrossSiteChange } from '@/lib/auth/csrf'
import { clearedSessionCookie, revokeSession, SESSION_COOKIE } from '@/lib/auth/sessions'
import { readCookie } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import { secureCookies } from '@/lib/http/cookies'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const POST = apiHandler('app', async (request) => {
  const token = readCookie(request, SESSION_COOKIE)
  if (token) {
    // Logout reads the cookie itself rather than through authenticate(), so it asks on its own.
    refuseCrossSiteChange(request)
    await revokeSession({ db, token, now: new Date() })
  }
  return json({ signedOut: true }, 200, { 'Set-Cookie': clearedSessionCookie(secureCookies(request)) })
})
