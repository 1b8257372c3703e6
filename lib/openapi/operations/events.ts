// Door control and events (SPEC "Door control and events"): remote unlock, webhook endpoints and
// their delivery log, the door events' outbox, and the kiosks' heartbeat. The MQTT topics are not
// HTTP and so not operations here: the tag's description, the README and docs/door-hardware.md.
import { z } from 'zod'
import {
  createWebhookRequestSchema,
  createWebhookResponseSchema,
  kioskHeartbeatResponseSchema,
  outboxBacklogResponseSchema,
  remoteUnlockResponseSchema,
  webhookDeliveryListQuerySchema,
  webhookDeliveryListResponseSchema,
  webhookDeliverySchema,
  webhookListResponseSchema,
} from '@/lib/events/api-schemas'
import { app, ok } from '../responses'
import type { OperationDoc } from '../types'
import { adminChangeErrors, adminErrors, appErrors, invalidJsonExample } from './admin'

const idParams = z.object({ id: z.string() })

/** A schema violation: 400 on these routes, with each field named. */
const schemaExample = (path: string, message: string) => ({
  code: 'bad_request',
  message: 'The request does not match the schema',
  issues: [{ path, message }],
})

const webhook = {
  id: '9a7c3e1b-2d4f-4a6b-8c0e-1f3a5b7d9e2c',
  url: 'https://hooks.example.com/qrdoor',
  eventTypes: ['access.granted', 'access.denied', 'door.unlocked'],
  createdAt: '2026-11-21T09:00:00.000Z',
  queued: 0,
  failed: 0,
}

const homeAssistant = {
  id: '4e2b8d6a-1c3f-4b5e-9a7d-0c2e4f6a8b1d',
  url: 'http://homeassistant.local:8123/api/webhook/qrdoor-kiosks',
  eventTypes: ['kiosk.offline', 'kiosk.online'],
  createdAt: '2026-11-21T09:05:00.000Z',
  queued: 2,
  failed: 1,
}

const sent = {
  id: 'b3c1f0a2-6d4e-4f8a-9b2c-7e5d1a0f3c94',
  endpointId: webhook.id,
  url: webhook.url,
  eventId: 'evt_a512_door_unlocked',
  type: 'door.unlocked',
  status: 'sent',
  attempts: 1,
  lastStatus: 200,
  error: null,
  createdAt: '2026-11-21T12:00:00.000Z',
  lastAttemptAt: '2026-11-21T12:00:00.000Z',
  nextAttemptAt: null,
}

const retrying = {
  ...sent,
  id: 'e8d7c6b5-a493-4827-9160-5f4e3d2c1b0a',
  endpointId: homeAssistant.id,
  url: homeAssistant.url,
  eventId: 'evt_515_kiosk_offline',
  type: 'kiosk.offline',
  status: 'queued',
  attempts: 2,
  lastStatus: 503,
  error: 'HTTP 503: Service Unavailable',
  createdAt: '2026-11-21T12:01:00.000Z',
  lastAttemptAt: '2026-11-21T12:01:30.000Z',
  nextAttemptAt: '2026-11-21T12:03:30.000Z',
}

const givenUp = {
  ...retrying,
  id: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b',
  eventId: 'evt_480_kiosk_online',
  type: 'kiosk.online',
  status: 'failed',
  attempts: 11,
  lastStatus: null,
  error: 'no answer within 10 s',
  createdAt: '2026-11-19T18:00:00.000Z',
  lastAttemptAt: '2026-11-21T11:00:30.000Z',
  nextAttemptAt: null,
}

const noEndpoint = app.error('No webhook endpoint has this id', 'not_found', 'No such webhook endpoint')
const noDelivery = app.error('No delivery has this id', 'not_found', 'No such delivery')

export const eventsOperations: OperationDoc[] = [
  // --- Remote unlock ---------------------------------------------------------------------------
  {
    operationId: 'unlockDoor',
    method: 'post',
    path: '/api/admin/doors/{id}/unlock',
    tag: 'events',
    summary: 'Open a door now',
    description:
      'Takes the path of a granted scan: an access event with reason `remote_unlock` (the admin as its user; an API key is named in its `input`), written in one transaction with its outbox row, so the relay gets the same MQTT message on `<prefix>/doors/{id}/unlock` (`{"eventId", "doorId", "userId", "seconds", "at"}`) and webhook endpoints a `door.unlocked` event with `by: "remote"`. The answer comes once the event is written; the message goes out right after it. Refused while the door is in lockdown: lift it first.',
    security: ['apiKey', 'session'],
    params: idParams,
    describedOnly: ['params'],
    responses: {
      200: ok('The access event that opens the door', remoteUnlockResponseSchema, {
        unlocked: { eventId: 512, doorId: 'front-door', seconds: 5, at: '2026-11-21T12:00:00.000Z' },
      }),
      404: app.error('No door has this id', 'not_found', 'No such door'),
      409: app.error('The door is in lockdown', 'conflict', 'This door is in lockdown: lift the lockdown to unlock it'),
      ...adminChangeErrors,
    },
  },

  // --- Webhook endpoints -----------------------------------------------------------------------
  {
    operationId: 'listWebhooks',
    method: 'get',
    path: '/api/admin/webhooks',
    tag: 'events',
    summary: 'List webhook endpoints',
    description:
      'Oldest first, each with the event types it wants and how many of its deliveries wait (`queued`) or were given up (`failed`). Secrets are not listed.',
    security: ['apiKey', 'session'],
    responses: {
      200: ok('The endpoints', webhookListResponseSchema, { webhooks: { webhooks: [webhook, homeAssistant] } }),
      ...adminErrors,
    },
  },
  {
    operationId: 'createWebhook',
    method: 'post',
    path: '/api/admin/webhooks',
    tag: 'events',
    summary: 'Add a webhook endpoint',
    description:
      'From the next event on, each event of the types it wants is POSTed to `url` as `{"id", "type", "createdAt", "data"}` with the headers `X-QRDoor-Event` (the type), `X-QRDoor-Delivery` (this delivery’s id) and `X-QRDoor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. `secret` is in this answer only: keep it where the receiver checks signatures (the README shows how). A non-2xx answer or no answer within 10 s is tried again after 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h and 12 h (11 tries over about 41 h). Delivery is at least once: receivers deduplicate by the body’s `id`.',
    security: ['apiKey', 'session'],
    body: {
      schema: createWebhookRequestSchema,
      examples: {
        doors: { value: { url: webhook.url, eventTypes: webhook.eventTypes } },
        kiosks: { value: { url: homeAssistant.url, eventTypes: homeAssistant.eventTypes } },
      },
    },
    responses: {
      201: ok('The new endpoint and its secret', createWebhookResponseSchema, {
        created: { ...webhook, secret: 'whsec_3kP9v0qX7mB2nR5tW8yZ1aC4dF6gH0jL' },
      }),
      400: appErrors('Not an http(s) URL, no or unknown event types, or a body that is not JSON', {
        url: schemaExample('url', 'url must be an http:// or https:// URL'),
        no_event_types: schemaExample('eventTypes', 'eventTypes must list at least one event type'),
        unknown_event_type: schemaExample(
          'eventTypes.0',
          'Invalid option: expected one of "access.granted"|"access.denied"|"door.unlocked"|"kiosk.offline"|"kiosk.online"',
        ),
        invalid_json: invalidJsonExample,
      }),
      ...adminChangeErrors,
    },
  },
  {
    operationId: 'deleteWebhook',
    method: 'delete',
    path: '/api/admin/webhooks/{id}',
    tag: 'events',
    summary: 'Remove a webhook endpoint',
    description: 'Nothing more is sent to it, queued deliveries included; its delivery log goes with it.',
    security: ['apiKey', 'session'],
    params: idParams,
    describedOnly: ['params'],
    responses: {
      200: ok('The removed endpoint’s id', z.object({ id: z.string() }), { deleted: { id: webhook.id } }),
      404: noEndpoint,
      ...adminChangeErrors,
    },
  },

  // --- Deliveries ------------------------------------------------------------------------------
  {
    operationId: 'listWebhookDeliveries',
    method: 'get',
    path: '/api/admin/webhooks/deliveries',
    tag: 'events',
    summary: 'Read the webhook delivery log',
    description:
      'Newest first, by endpoint and status: `queued` (waiting for its next try at `nextAttemptAt`), `sent` (a 2xx answer) or `failed` (given up after every retry). `lastStatus` and `error` tell how the last try went. Pages of `limit` (50 unless given, at most 200): pass `nextCursor` as `cursor` for the next.',
    security: ['apiKey', 'session'],
    query: webhookDeliveryListQuerySchema,
    responses: {
      200: ok('A page of deliveries', webhookDeliveryListResponseSchema, {
        deliveries: { deliveries: [retrying, sent, givenUp], nextCursor: null },
        paged: { deliveries: [sent], nextCursor: 'MjAyNi0xMS0yMVQxMjowMDowMC4wMDBafGIzYzFmMGEy' },
      }),
      400: appErrors('A parameter is out of range, or the cursor was not made by this API', {
        cursor: { code: 'bad_request', message: 'cursor is not one this API gave out' },
        limit: schemaExample('limit', 'Too big: expected number to be <=200'),
      }),
      ...adminErrors,
    },
  },
  {
    operationId: 'retryWebhookDelivery',
    method: 'post',
    path: '/api/admin/webhooks/deliveries/{id}/retry',
    tag: 'events',
    summary: 'Send a delivery again',
    description:
      'Queued, sent or given up, the delivery is tried now, while the caller waits (up to the 10 s time-out), and the answer is the delivery after the try: `sent`, or, with the receiver’s `lastStatus` and `error`, `queued` for its next retry, or `failed` again when its 11 tries were used up before. Its tries go on counting. The receiver gets the same body and `X-QRDoor-Delivery`, freshly signed: it deduplicates by them.',
    security: ['apiKey', 'session'],
    params: idParams,
    describedOnly: ['params'],
    responses: {
      200: ok('The delivery after the try', webhookDeliverySchema, {
        sent: { ...givenUp, status: 'sent', attempts: 12, lastStatus: 200, error: null, lastAttemptAt: '2026-11-21T12:10:00.000Z' },
        retry_later: {
          ...retrying,
          attempts: 3,
          lastStatus: 500,
          error: 'HTTP 500: Internal Server Error',
          lastAttemptAt: '2026-11-21T12:02:00.000Z',
          nextAttemptAt: '2026-11-21T12:12:00.000Z',
        },
        still_failing: {
          ...givenUp,
          attempts: 12,
          lastStatus: 500,
          error: 'HTTP 500: Internal Server Error',
          lastAttemptAt: '2026-11-21T12:10:00.000Z',
        },
      }),
      404: noDelivery,
      409: app.error('Another worker is trying this delivery right now', 'conflict', 'This delivery is being sent right now'),
      ...adminChangeErrors,
    },
  },

  // --- The outbox ------------------------------------------------------------------------------
  {
    operationId: 'readDoorEventsOutbox',
    method: 'get',
    path: '/api/admin/outbox',
    tag: 'events',
    summary: 'What waits to be sent',
    description:
      'Door events written but not yet published to MQTT or fanned out to webhook deliveries (`messages`, the oldest’s time, and why the last publish failed), webhook deliveries queued or given up, and whether this instance’s MQTT connection is configured and up. Nothing is lost while the broker is away: the events wait here and go out, in order, once it is back.',
    security: ['apiKey', 'session'],
    responses: {
      200: ok('The backlog', outboxBacklogResponseSchema, {
        idle: {
          messages: 0,
          oldestMessageAt: null,
          lastError: null,
          queuedDeliveries: 0,
          failedDeliveries: 0,
          mqtt: { configured: true, connected: true },
        },
        broker_down: {
          messages: 3,
          oldestMessageAt: '2026-11-21T12:00:00.000Z',
          lastError: 'The MQTT broker is not connected',
          queuedDeliveries: 2,
          failedDeliveries: 1,
          mqtt: { configured: true, connected: false },
        },
      }),
      ...adminErrors,
    },
  },

  // --- Kiosk presence --------------------------------------------------------------------------
  {
    operationId: 'kioskHeartbeat',
    method: 'post',
    path: '/api/kiosk/heartbeat',
    tag: 'events',
    summary: 'A kiosk says it is there',
    description:
      'A paired kiosk calls this every `nextHeartbeatSeconds` (30). The console shows a kiosk online while its last heartbeat is under 90 s old, and offline since then after; `kiosk.online` fires when a heartbeat finds it offline, `kiosk.offline` when the 90 s pass without one. A revoked kiosk’s token is refused (401): that is how an unpaired tablet learns it.',
    security: ['kioskToken'],
    responses: {
      200: ok('Seen', kioskHeartbeatResponseSchema, {
        seen: {
          kiosk: { id: '0b7e0f55-3c1e-4f0a-9a51-5f4f3e2b9c11', name: 'Lobby tablet' },
          door: { id: 'front-door', name: 'Front door' },
          nextHeartbeatSeconds: 30,
        },
      }),
      401: app.unauthorized(),
      403: app.forbidden(),
      429: app.rateLimited(),
    },
  },
]
