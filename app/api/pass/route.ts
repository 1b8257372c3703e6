// GET /api/pass — the signed-in user's door pass right now, with its countdown and last grant. The
// pass page polls it every second.
import { db } from '@/lib/db'
import { issueDoorPass } from '@/lib/door/issue-door-pass'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { env } from '@/lib/env'
import { ApiError } from '@/lib/http/errors'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route({ style: 'app', allow: ['user'], rateLimit: doorRateLimits.poll }, async ({ caller, now }) => {
  const result = await issueDoorPass({ db, now, userId: caller.userId, enrolUnknown: false })
  if (result.status === 'disabled_user') throw new ApiError('forbidden', 'This pass is disabled. Ask an administrator.')
  if (result.status !== 'ok') throw new ApiError('not_found', 'There is no door pass for this account yet.')
  const { pass } = result
  return json({
    userId: pass.userId,
    name: caller.name,
    qrString: pass.qrString,
    secondsUntilRotation: pass.secondsUntilRotation,
    secondsUntilUsable: pass.secondsUntilUsable,
    grantedAt: pass.grantedAt?.toISOString() ?? null,
    grantSeconds: env.DOOR_GRANT_SECONDS,
  })
})
