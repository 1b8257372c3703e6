// GET /api/pass — the signed-in user's door pass right now, with its countdown and last grant. The
// pass page polls it every second.
import { SESSION_COOKIE } from '@/lib/auth/sessions'
import { hashToken, readCookie } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import { issueDoorPass } from '@/lib/door/issue-door-pass'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { env } from '@/lib/env'
import { ApiError } from '@/lib/http/errors'
import type { RouteContext } from '@/lib/http/handler'
import { route, type DeclaredRoute } from '@/lib/http/route'
import { json, renderError } from '@/lib/http/styles'

const DISABLED_MESSAGE = 'This pass is disabled. Ask an administrator.'

const passRoute = route({ style: 'app', allow: ['user'], rateLimit: doorRateLimits.poll }, async ({ caller, now }) => {
  const result = await issueDoorPass({ db, now, userId: caller.userId, enrolUnknown: false })
  if (result.status === 'disabled_user') throw new ApiError('forbidden', DISABLED_MESSAGE)
  if (result.status !== 'ok') throw new ApiError('not_found', 'There is no door pass for this account yet.')
  const { pass } = result
  return json({
    userId: pass.userId,
    name: caller.name,
    qrString: pass.qrString,
    shortCode: pass.shortCode,
    secondsUntilRotation: pass.secondsUntilRotation,
    secondsUntilUsable: pass.secondsUntilUsable,
    grantedAt: pass.grantedAt?.toISOString() ?? null,
    grantSeconds: env.DOOR_GRANT_SECONDS,
  })
})

/**
 * Disabling a person ends their sessions (lib/users/update-user.ts), so the next poll of their open
 * pass page would be a bare 401 and send them to sign in without a word. The session the cookie
 * names, ended or not, is looked at on a 401 only (never on the polling path): when its person is
 * disabled the answer is the same 403 "This pass is disabled" a live session gets, which the page
 * shows. The holder of that cookie learns nothing beyond what the page already showed them.
 */
export const GET: DeclaredRoute = Object.assign(
  async (request: Request, context: RouteContext<Record<string, string>>) => {
    const response = await passRoute(request, context)
    if (response.status !== 401) return response
    const token = readCookie(request, SESSION_COOKIE)
    if (!token) return response
    try {
      const session = await db.sql.findSessionByHash(hashToken(token))
      if (!session?.user.disabled || session.expiresAt <= new Date()) return response
    } catch {
      return response
    }
    return renderError('app', new ApiError('forbidden', DISABLED_MESSAGE))
  },
  { apiStyle: passRoute.apiStyle, declaration: passRoute.declaration },
)
