// POST /api/admin/doors/{id}/unlock — open a door now, through the same path as a granted scan (the
// MQTT unlock message, door.unlocked), logged as remote_unlock with the admin who asked.
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { remoteUnlock } from '@/lib/events/remote-unlock'
import { kickDoorEvents } from '@/lib/events/runtime'
import { pathParams, route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const POST = route(
  { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin, params: pathParams('id') },
  async ({ caller, input, now }) => {
    const by = caller.kind === 'user' ? { userId: caller.userId } : { apiKey: `api key ${caller.apiKeyId ?? 'ADMIN_API_KEY'}` }
    const unlock = await remoteUnlock({ db, now, doorId: input.params.id, by })
    kickDoorEvents(db)
    return json({ ...unlock, at: unlock.at.toISOString() })
  },
)
