// GET /api/admin/outbox — what waits to be sent: door events not yet published (MQTT) or fanned out
// (webhooks), webhook deliveries queued or given up, and whether this instance's MQTT is connected.
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { outboxBacklog } from '@/lib/events/outbox'
import { doorEventsMqttStatus } from '@/lib/events/runtime'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route({ style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin }, async ({ now }) =>
  json({ ...(await outboxBacklog({ db, now })), mqtt: doorEventsMqttStatus(db) }),
)
