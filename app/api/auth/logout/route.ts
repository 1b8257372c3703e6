// POST /api/auth/logout — end this browser's session.
import { refuseCrossSiteChange } from '@/lib/auth/csrf'
import { clearedSessionCookie, findSessionCaller, revokeSession, SESSION_COOKIE } from '@/lib/auth/sessions'
import { readCookie } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import { secureCookies } from '@/lib/http/cookies'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

// Anyone may call it: without a live session there is nothing to end, and the cookie is cleared anyway.
export const POST = route({ style: 'app' }, async ({ request, now }) => {
  const token = readCookie(request, SESSION_COOKIE)
  // Logout reads the cookie itself rather than through authenticate(), so it asks on its own, and
  // like authenticate() only for a live session: a stale cookie is no credential, and is cleared.
  if (token && (await findSessionCaller({ db, token, now }))) {
    refuseCrossSiteChange(request)
    await revokeSession({ db, token, now })
  }
  return json({ signedOut: true }, 200, { 'Set-Cookie': clearedSessionCookie(secureCookies(request)) })
})
