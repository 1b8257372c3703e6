import { describe, expect, it } from 'vitest'
import { mqttMessages, UNLOCK_MAX_AGE_MS, webhookEvents, type OutboxFact } from './messages'

const at = new Date('2026-11-26T12:00:00Z')
const access = (reason: string, extra: Partial<Extract<OutboxFact, { kind: 'access' }>['event']> = {}): OutboxFact => ({
  kind: 'access',
  outboxId: 7,
  event: {
    id: 42,
    at,
    result: reason === 'granted' || reason === 'remote_unlock' ? 'granted' : 'denied',
    reason,
    userId: 'u1',
    userName: 'Ada',
    kioskId: 'k1',
    kioskName: 'Lobby',
    doorId: 'front-door',
    doorName: 'Front door',
    unlockSeconds: 8,
    input: null,
    ...extra,
  },
})

describe('MQTT messages', () => {
  it('a grant: the unlock (with the door’s seconds) before the event', () => {
    const messages = mqttMessages(access('granted'), 'qrdoor', at)
    expect(messages.map((m) => m.topic)).toEqual(['qrdoor/doors/front-door/unlock', 'qrdoor/doors/front-door/events'])
    expect(JSON.parse(messages[0]!.payload)).toEqual({ eventId: 42, doorId: 'front-door', userId: 'u1', seconds: 8, at: at.toISOString() })
    expect(messages.every((m) => !m.retain)).toBe(true)
  })

  it('a refusal: the event only', () => {
    expect(mqttMessages(access('wrong_code'), 'qrdoor', at).map((m) => m.topic)).toEqual(['qrdoor/doors/front-door/events'])
  })

  it('a grant older than UNLOCK_MAX_AGE_MS: the event, not the unlock', () => {
    const late = new Date(at.getTime() + UNLOCK_MAX_AGE_MS + 1)
    expect(mqttMessages(access('granted'), 'qrdoor', late).map((m) => m.topic)).toEqual(['qrdoor/doors/front-door/events'])
    const inTime = new Date(at.getTime() + UNLOCK_MAX_AGE_MS)
    expect(mqttMessages(access('granted'), 'qrdoor', inTime)).toHaveLength(2)
  })

  it('an API client’s check at no door publishes nothing; a lockdown is retained state', () => {
    expect(mqttMessages(access('granted', { doorId: null }), 'qrdoor', at)).toEqual([])
    const state = mqttMessages({ kind: 'door_state', outboxId: 1, doorId: 'back', lockdown: true, at }, 'site', at)
    expect(state).toEqual([
      { topic: 'site/doors/back/state', payload: JSON.stringify({ doorId: 'back', lockdown: true, at: at.toISOString() }), retain: true },
    ])
  })
})

describe('webhook events', () => {
  it('a grant is access.granted and door.unlocked, named after the access event; a remote unlock door.unlocked only; a refusal access.denied', () => {
    // One outbox row (7) may tell of several access events: the ids are the event's (42).
    expect(webhookEvents(access('granted')).map((e) => [e.id, e.type])).toEqual([
      ['evt_a42_access_granted', 'access.granted'],
      ['evt_a42_door_unlocked', 'door.unlocked'],
    ])
    const remote = webhookEvents(access('remote_unlock', { input: 'api key k1', kioskId: null }))
    expect(remote.map((e) => e.type)).toEqual(['door.unlocked'])
    expect(remote[0]!.data).toMatchObject({ by: 'remote', requestedBy: 'api key k1', seconds: 8 })
    expect(webhookEvents(access('no_access')).map((e) => e.type)).toEqual(['access.denied'])
  })

  it('of the wanted types only, when asked', () => {
    const entries = new Set(['access.granted', 'kiosk.offline'])
    expect(webhookEvents(access('granted'), entries).map((e) => e.type)).toEqual(['access.granted'])
    expect(webhookEvents(access('replay'), entries)).toEqual([])
    expect(webhookEvents(access('remote_unlock'), new Set(['door.unlocked'])).map((e) => e.type)).toEqual(['door.unlocked'])
  })

  it('kiosk presence changes', () => {
    const fact: OutboxFact = {
      kind: 'kiosk_presence',
      outboxId: 3,
      kioskId: 'k1',
      kioskName: 'Lobby',
      doorId: null,
      online: false,
      at,
      lastSeenAt: at,
    }
    expect(webhookEvents(fact)).toEqual([
      {
        id: 'evt_3_kiosk_offline',
        type: 'kiosk.offline',
        createdAt: at.toISOString(),
        data: { kioskId: 'k1', kioskName: 'Lobby', doorId: null, lastSeenAt: at.toISOString(), at: at.toISOString() },
      },
    ])
  })
})
