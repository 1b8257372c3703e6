// The request and response schemas of the door-events admin API (webhooks, deliveries, the outbox's
// backlog, remote unlock) and of the kiosk heartbeat. Route handlers validate with them and
// /openapi.json is generated from them.
import { z } from 'zod'
import { WEBHOOK_EVENT_TYPES } from './messages'

const instant = z.iso.datetime().describe('ISO 8601, UTC')

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES)

/**
 * A receiver's URL: http(s) only. Plain http is allowed for receivers on the same host or network
 * (a Home Assistant on the LAN); the signature still proves who sent it.
 */
const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'url must be an http:// or https:// URL' })
  .max(2000)
  .describe('Where deliveries are POSTed')

export const createWebhookRequestSchema = z.strictObject({
  url: webhookUrlSchema,
  eventTypes: z
    .array(webhookEventTypeSchema, { error: `eventTypes must list some of ${WEBHOOK_EVENT_TYPES.join(', ')}` })
    .min(1, 'eventTypes must list at least one event type')
    .describe('The event types this endpoint wants'),
})

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(webhookEventTypeSchema),
  createdAt: instant,
  queued: z.number().int().describe('Deliveries still to be made'),
  failed: z.number().int().describe('Deliveries given up after every retry'),
})

export const createWebhookResponseSchema = webhookEndpointSchema.extend({
  secret: z.string().describe('Signs every delivery (X-QRDoor-Signature). Shown in this answer only.'),
})

export const webhookListResponseSchema = z.object({ webhooks: z.array(webhookEndpointSchema) })

export const webhookDeliverySchema = z.object({
  id: z.string().describe('Sent as X-QRDoor-Delivery'),
  endpointId: z.string(),
  url: z.string(),
  eventId: z.string().describe('The body’s id: the same for every endpoint'),
  type: webhookEventTypeSchema,
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable().describe('The HTTP status of the last try, if the receiver answered'),
  error: z.string().nullable(),
  createdAt: instant,
  lastAttemptAt: instant.nullable(),
  nextAttemptAt: instant.nullable().describe('When a queued delivery is tried next'),
})

export const webhookDeliveryListQuerySchema = z.object({
  endpoint: z.string().max(100).optional().describe('Only this endpoint’s deliveries'),
  status: z.enum(['queued', 'sent', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(200).optional().describe('nextCursor of the page before'),
})

export const webhookDeliveryListResponseSchema = z.object({
  deliveries: z.array(webhookDeliverySchema).describe('Newest first'),
  nextCursor: z.string().nullable(),
})

export const outboxBacklogResponseSchema = z.object({
  messages: z.number().int().describe('Door events not yet published and fanned out'),
  oldestMessageAt: instant.nullable(),
  lastError: z.string().nullable().describe('Why the last publish failed, while messages wait'),
  queuedDeliveries: z.number().int(),
  failedDeliveries: z.number().int(),
  mqtt: z.object({
    configured: z.boolean(),
    connected: z.boolean(),
  }),
})

export const remoteUnlockResponseSchema = z.object({
  eventId: z.number().int().describe('The access event; also in the MQTT unlock message'),
  doorId: z.string(),
  seconds: z.number().int().describe('How long the lock stays open'),
  at: instant,
})

export const kioskHeartbeatResponseSchema = z.object({
  kiosk: z.object({ id: z.string(), name: z.string() }),
  door: z.object({ id: z.string(), name: z.string() }).nullable(),
  nextHeartbeatSeconds: z.number().int(),
})
