// GET /api/admin/webhooks — the webhook endpoints, with their queued and failed deliveries;
// POST — add one: its signing secret is in this answer only.
import { db } from '@/lib/db'
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { createWebhookRequestSchema } from '@/lib/events/api-schemas'
import { createWebhookEndpoint, listWebhookEndpoints } from '@/lib/events/webhooks'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

const admins = { style: 'app', allow: ['api', 'admin'], rateLimit: doorRateLimits.admin } as const

export const GET = route(admins, async () => json({ webhooks: await listWebhookEndpoints({ db }) }))

export const POST = route({ ...admins, body: createWebhookRequestSchema, invalidBody: 'bad_request' }, async ({ input, now }) =>
  json(await createWebhookEndpoint({ db, now, ...input.body }), 201),
)
