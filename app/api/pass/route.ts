// GET /api/pass — the signed-in user's door pass right now, with its countdown.
import { db } from '@/lib/db'
import { guardRequest } from '@/lib/http/guard'
import { issueDoorPass } from '@/lib/door/issue-door-pass'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { env } from '@/lib/env'
import { ApiError } from '@/lib/http/errors'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const GET = apiHandler('app', async (request) => {
  const now = new Date()
  const caller = await guardRequest({ db, request, now, rateLimit: doorRateLimits.poll, allow: ['user'] })
  if (caller.kind !== 'user') throw new Error('unreachable: only users are allowed')
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
    grantSeconds: env.DOOR_GRANT_SECONDS,
  })
})
