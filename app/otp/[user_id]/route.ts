// GET /otp/{user_id} — seed 000: the user's current door pass as a QR string. A user may fetch
// their own; an API client any, enrolling an unknown id as the seed did.
import { db } from '@/lib/db'
import { userIdParamsSchema } from '@/lib/door/api-schemas'
import { issueDoorPass } from '@/lib/door/issue-door-pass'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { ApiError } from '@/lib/http/errors'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route(
  { style: 'fastapi', allow: ['api', 'user'], rateLimit: doorRateLimits.door, params: userIdParamsSchema },
  async ({ caller, input, now }) => {
    const userId = input.params.user_id
    if (caller.kind === 'user' && caller.userId !== userId) {
      throw new ApiError('forbidden', 'You may only fetch your own door pass')
    }
    const result = await issueDoorPass({ db, now, userId, enrolUnknown: caller.kind === 'api' })
    if (result.status === 'disabled_user') throw new ApiError('forbidden', 'This user is disabled')
    if (result.status !== 'ok') throw new ApiError('not_found', 'User not found')
    // After two grants in one step no code is accepted until the next step starts: say when.
    const { qrString, secondsUntilUsable } = result.pass
    return json(secondsUntilUsable > 0 ? { qr_string: qrString, seconds_until_usable: secondsUntilUsable } : { qr_string: qrString })
  },
)
