// What the outbox sends, as plain data: the MQTT messages and the webhook events each outbox row
// becomes. The topics and payloads are the contract relay controllers are wired to
// (docs/door-hardware.md, checked by lib/events/door-hardware.test.ts): change them with care.

import type { AccessEventFact } from '@/lib/db/statements/types'

export const WEBHOOK_EVENT_TYPES = ['access.granted', 'access.denied', 'door.unlocked', 'kiosk.offline', 'kiosk.online'] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** The facts of one outbox row, read back when it is sent. */
export type OutboxFact =
  | {
      kind: 'access'
      outboxId: number
      /** `input`: who asked for a remote unlock, when it was not a person (an API key). */
      event: AccessEventFact
    }
  | { kind: 'door_state'; outboxId: number; doorId: string; lockdown: boolean; at: Date }
  | {
      kind: 'kiosk_presence'
      outboxId: number
      kioskId: string
      kioskName: string | null
      doorId: string | null
      online: boolean
      at: Date
      lastSeenAt: Date | null
    }

export interface MqttMessage {
  topic: string
  payload: string
  retain: boolean
}

export const DEFAULT_TOPIC_PREFIX = 'qrdoor'

export const doorTopic = (prefix: string, doorId: string, leaf: 'unlock' | 'events' | 'state') => `${prefix}/doors/${doorId}/${leaf}`

/** Whether an access event opens its door: a granted scan or a remote unlock. */
export const opensDoor = (event: { result: string; reason: string; doorId: string | null }) =>
  event.doorId !== null && (event.reason === 'granted' || event.reason === 'remote_unlock')

/** The unlock message a relay acts on: `{"eventId", "doorId", "userId", "seconds", "at"}`. */
export function unlockPayload(event: { id: number; doorId: string; userId: string | null; unlockSeconds: number | null; at: Date }) {
  return { eventId: event.id, doorId: event.doorId, userId: event.userId, seconds: event.unlockSeconds ?? 5, at: event.at.toISOString() }
}

/**
 * How old a grant may be when its unlock is published. Past it (a broker outage, an instance that
 * died with the row) the unlock is not sent, and the event still is: a door that opens minutes after
 * someone stood at it opens for whoever stands there now. Relays that can read the time check `at`
 * too (docs/door-hardware.md).
 */
export const UNLOCK_MAX_AGE_MS = 60_000

/** The MQTT messages of one outbox row, the unlock before the event that explains it; `now` drops stale unlocks. */
export function mqttMessages(fact: OutboxFact, prefix: string, now?: Date): MqttMessage[] {
  switch (fact.kind) {
    case 'access': {
      const { event } = fact
      if (event.doorId === null) return []
      const doorId = event.doorId
      const messages: MqttMessage[] = []
      if (opensDoor(event) && !(now && now.getTime() - event.at.getTime() > UNLOCK_MAX_AGE_MS)) {
        messages.push({
          topic: doorTopic(prefix, doorId, 'unlock'),
          payload: JSON.stringify(unlockPayload({ ...event, doorId })),
          retain: false,
        })
      }
      messages.push({
        topic: doorTopic(prefix, doorId, 'events'),
        payload: JSON.stringify({
          eventId: event.id,
          doorId,
          userId: event.userId,
          kioskId: event.kioskId,
          result: event.result,
          reason: event.reason,
          at: event.at.toISOString(),
        }),
        retain: false,
      })
      return messages
    }
    case 'door_state':
      return [
        {
          topic: doorTopic(prefix, fact.doorId, 'state'),
          payload: JSON.stringify(doorStatePayload(fact)),
          retain: true,
        },
      ]
    case 'kiosk_presence':
      return []
  }
}

export const doorStatePayload = (door: { doorId: string; lockdown: boolean; at: Date }) => ({
  doorId: door.doorId,
  lockdown: door.lockdown,
  at: door.at.toISOString(),
})

export interface WebhookEvent {
  /** The same for every endpoint that gets it: receivers deduplicate by it. */
  id: string
  type: WebhookEventType
  createdAt: string
  data: Record<string, unknown>
}

/** The webhook events of one outbox fact; of the types in `wanted` only, when given (most scans are wanted by none). */
export function webhookEvents(fact: OutboxFact, wanted?: ReadonlySet<string>): WebhookEvent[] {
  const wants = (type: WebhookEventType) => !wanted || wanted.has(type)
  // Named after the access event (`a` and its id: one outbox row may tell of several), else after
  // the row. The `a` keeps them apart from the ids access events had when they were named after
  // their row: a receiver deduplicating by id must not take a new event for one it has seen.
  const sourceId = fact.kind === 'access' ? `a${fact.event.id}` : fact.outboxId
  const event = (type: WebhookEventType, at: Date, data: Record<string, unknown>): WebhookEvent => ({
    id: `evt_${sourceId}_${type.replace('.', '_')}`,
    type,
    createdAt: at.toISOString(),
    data,
  })
  switch (fact.kind) {
    case 'access': {
      const e = fact.event
      const who = { userId: e.userId, userName: e.userName, doorId: e.doorId, doorName: e.doorName, at: e.at.toISOString() }
      const events: WebhookEvent[] = []
      const seen = e.result === 'granted' ? 'access.granted' : 'access.denied'
      if (e.reason !== 'remote_unlock' && wants(seen)) {
        events.push(
          event(seen, e.at, {
            eventId: e.id,
            ...who,
            kioskId: e.kioskId,
            kioskName: e.kioskName,
            result: e.result,
            reason: e.reason,
          }),
        )
      }
      if (opensDoor(e) && wants('door.unlocked')) {
        events.push(
          event('door.unlocked', e.at, {
            eventId: e.id,
            ...who,
            seconds: e.unlockSeconds ?? 5,
            by: e.reason === 'remote_unlock' ? 'remote' : 'scan',
            ...(e.reason === 'remote_unlock' && e.input ? { requestedBy: e.input } : {}),
          }),
        )
      }
      return events
    }
    case 'door_state':
      return []
    case 'kiosk_presence': {
      const type = fact.online ? 'kiosk.online' : 'kiosk.offline'
      if (!wants(type)) return []
      return [
        event(type, fact.at, {
          kioskId: fact.kioskId,
          kioskName: fact.kioskName,
          doorId: fact.doorId,
          lastSeenAt: fact.lastSeenAt?.toISOString() ?? null,
          at: fact.at.toISOString(),
        }),
      ]
    }
  }
}
