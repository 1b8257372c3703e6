// MQTT to the door relays (SPEC "Door control and events") through the machine's real Mosquitto
// and MQTT.js: a grant publishes `<prefix>/doors/{doorId}/unlock` (QoS 1) before the event on
// `/events`; a refusal only the event; a lockdown change the door's state, retained on `/state`;
// a remote unlock the same unlock message as a grant. Every published row leaves the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateDoor } from '@/lib/access/update-door'
import { db } from '@/lib/db'
import { UNLOCK_MAX_AGE_MS } from '@/lib/events/messages'
import { connectMqtt } from '@/lib/events/mqtt'
import { remoteUnlock } from '@/lib/events/remote-unlock'
import { kickDoorEvents, startDoorEvents, type DoorEvents } from '@/lib/events/runtime'
import { createPassUser } from '../door/fixtures'
import {
  clearDoorStates,
  doorWithPeople,
  eventually,
  scanAt,
  subscribe,
  SYSTEM_BROKER_URL,
  uniqueTopicPrefix,
  type Recorder,
} from './support/peers'

const prefix = uniqueTopicPrefix()
const topic = (doorId: string, leaf: 'unlock' | 'events' | 'state') => `${prefix}/doors/${doorId}/${leaf}`

let events: DoorEvents | undefined
let recorder: Recorder
const laterSubscribers: Recorder[] = []

beforeAll(async () => {
  recorder = await subscribe(SYSTEM_BROKER_URL, [`${prefix}/#`])
  events = startDoorEvents({ db, mqtt: { url: SYSTEM_BROKER_URL, topicPrefix: prefix } })
  await eventually(() => expect(events!.mqttStatus()).toEqual({ configured: true, connected: true }))
  // Once connected, every door's state is published (retained): a restarted broker may have lost it.
  await eventually(() =>
    expect(recorder.on(topic('front-door', 'state')).map((message) => message.body)).toEqual([
      { doorId: 'front-door', lockdown: false, at: expect.any(String) },
    ]),
  )
})

afterAll(async () => {
  await events?.stop()
  await clearDoorStates(SYSTEM_BROKER_URL, prefix)
  await Promise.all([recorder.close(), ...laterSubscribers.map((subscriber) => subscriber.close())])
})

/** Every row sent, and deleted. */
async function outboxDrained() {
  await events!.settled()
  await eventually(async () => expect(await db.outboxMessage.count()).toBe(0))
}

describe('MQTT door messages', () => {
  it('publishes a grant’s unlock {eventId, doorId, userId, seconds, at}, then its event', async () => {
    const place = await doorWithPeople({ unlockSeconds: 7 })
    const person = place.people[0]!
    const now = new Date()
    const scan = await scanAt({ now, userId: person.id, place })
    expect(scan).toMatchObject({ granted: true, reason: 'granted' })

    await eventually(() => expect(recorder.on(topic(place.door.id, 'events'))).toHaveLength(1))
    expect(recorder.on(topic(place.door.id, 'unlock'))).toEqual([
      {
        topic: topic(place.door.id, 'unlock'),
        retain: false,
        // Published with QoS 1: the broker acknowledged it before the row was deleted.
        qos: 1,
        body: { eventId: scan.eventId, doorId: place.door.id, userId: person.id, seconds: 7, at: now.toISOString() },
      },
    ])
    expect(recorder.on(topic(place.door.id, 'events'))[0]!.body).toEqual({
      eventId: scan.eventId,
      doorId: place.door.id,
      userId: person.id,
      kioskId: place.kiosk.id,
      result: 'granted',
      reason: 'granted',
      at: now.toISOString(),
    })
    // The relay hears the unlock before the event that explains it.
    const doorMessages = recorder.messages.filter((message) => message.topic.startsWith(`${prefix}/doors/${place.door.id}/`))
    expect(doorMessages.map((message) => message.topic)).toEqual([topic(place.door.id, 'unlock'), topic(place.door.id, 'events')])
    await outboxDrained()
  })

  it('publishes a refusal’s event only, never an unlock', async () => {
    const place = await doorWithPeople({ people: 2 })
    const [member, stranger] = [place.people[0]!, await createPassUser({ name: 'Stranger' })]
    const now = new Date()
    const wrong = await scanAt({ now, userId: member.id, place, wrong: true })
    const noAccess = await scanAt({ now, userId: stranger.id, place })
    expect([wrong.reason, noAccess.reason]).toEqual(['wrong_code', 'no_access'])

    await eventually(() => expect(recorder.on(topic(place.door.id, 'events'))).toHaveLength(2))
    expect(recorder.on(topic(place.door.id, 'events')).map((message) => message.body)).toEqual([
      {
        eventId: wrong.eventId,
        doorId: place.door.id,
        userId: member.id,
        kioskId: place.kiosk.id,
        result: 'denied',
        reason: 'wrong_code',
        at: now.toISOString(),
      },
      {
        eventId: noAccess.eventId,
        doorId: place.door.id,
        userId: stranger.id,
        kioskId: place.kiosk.id,
        result: 'denied',
        reason: 'no_access',
        at: now.toISOString(),
      },
    ])
    // An unlock is published before its event on the same connection: none came, none will.
    expect(recorder.on(topic(place.door.id, 'unlock'))).toEqual([])
    await outboxDrained()
  })

  it('retains a door’s lockdown state on /state, for subscribers that connect later', async () => {
    const place = await doorWithPeople()
    const lockedAt = new Date()
    await updateDoor({ db, now: lockedAt, doorId: place.door.id, patch: { lockdown: true } })
    await eventually(() => expect(recorder.on(topic(place.door.id, 'state'))).toHaveLength(1))
    // A change that changes nothing publishes nothing.
    await updateDoor({ db, now: new Date(), doorId: place.door.id, patch: { lockdown: true, name: 'Still locked' } })

    const late = await subscribe(SYSTEM_BROKER_URL, [topic(place.door.id, 'state')])
    laterSubscribers.push(late)
    await eventually(() => expect(late.messages).toHaveLength(1))
    expect(late.messages[0]).toEqual({
      topic: topic(place.door.id, 'state'),
      retain: true,
      qos: 1,
      body: { doorId: place.door.id, lockdown: true, at: lockedAt.toISOString() },
    })

    // In lockdown a right code is refused: its event, no unlock.
    const refused = await scanAt({ now: new Date(), userId: place.people[0]!.id, place })
    expect(refused.reason).toBe('lockdown')
    await eventually(() => expect(recorder.on(topic(place.door.id, 'events')).map((message) => message.body?.reason)).toEqual(['lockdown']))
    expect(recorder.on(topic(place.door.id, 'unlock'))).toEqual([])

    const liftedAt = new Date(lockedAt.getTime() + 1000)
    await updateDoor({ db, now: liftedAt, doorId: place.door.id, patch: { lockdown: false } })
    await eventually(() =>
      expect(recorder.on(topic(place.door.id, 'state')).map((message) => message.body?.lockdown)).toEqual([true, false]),
    )
    const later = await subscribe(SYSTEM_BROKER_URL, [topic(place.door.id, 'state')])
    laterSubscribers.push(later)
    await eventually(() => expect(later.messages).toHaveLength(1))
    expect(later.messages[0]).toMatchObject({ retain: true, body: { doorId: place.door.id, lockdown: false, at: liftedAt.toISOString() } })
    await outboxDrained()
  })

  it('publishes a remote unlock as a grant’s unlock, with the admin as its user', async () => {
    const place = await doorWithPeople({ unlockSeconds: 11 })
    const admin = await createPassUser({ name: 'Admin', role: 'admin' })
    const now = new Date()
    const unlock = await remoteUnlock({ db, now, doorId: place.door.id, by: { userId: admin.id } })
    kickDoorEvents(db)
    expect(unlock).toEqual({ eventId: expect.any(Number), doorId: place.door.id, seconds: 11, at: now })

    await eventually(() => expect(recorder.on(topic(place.door.id, 'events'))).toHaveLength(1))
    expect(recorder.on(topic(place.door.id, 'unlock')).map((message) => message.body)).toEqual([
      { eventId: unlock.eventId, doorId: place.door.id, userId: admin.id, seconds: 11, at: now.toISOString() },
    ])
    expect(recorder.on(topic(place.door.id, 'events'))[0]!.body).toEqual({
      eventId: unlock.eventId,
      doorId: place.door.id,
      userId: admin.id,
      kioskId: null,
      result: 'granted',
      reason: 'remote_unlock',
      at: now.toISOString(),
    })
    await outboxDrained()
  })

  it('publishes a grant older than UNLOCK_MAX_AGE_MS (sent late) as its event only: no late unlock', async () => {
    const place = await doorWithPeople()
    // A grant written two minutes ago whose sender died: its claim has ended, this runtime takes it now.
    const then = new Date(Date.now() - UNLOCK_MAX_AGE_MS - 60_000)
    const scan = await scanAt({ now: then, userId: place.people[0]!.id, place })
    expect(scan.granted).toBe(true)
    events!.kick()
    await eventually(() =>
      expect(recorder.on(topic(place.door.id, 'events')).map((message) => message.body?.eventId)).toEqual([scan.eventId]),
    )
    expect(recorder.on(topic(place.door.id, 'events'))[0]!.body).toMatchObject({
      result: 'granted',
      reason: 'granted',
      at: then.toISOString(),
    })
    expect(recorder.on(topic(place.door.id, 'unlock'))).toEqual([])
    await outboxDrained()
  })

  it('publishes many grants at two doors at once, each door’s unlocks in the order of its scans', async () => {
    const places = await Promise.all([doorWithPeople({ people: 5 }), doorWithPeople({ people: 5 })])
    const now = new Date()
    // One kiosk scans after another; the two doors at the same time.
    const byDoor = await Promise.all(
      places.map(async (place) => {
        const ids: number[] = []
        for (const person of place.people) {
          const scan = await scanAt({ now, userId: person.id, place })
          expect(scan.granted).toBe(true)
          ids.push(scan.eventId)
        }
        return ids
      }),
    )
    for (const [index, place] of places.entries()) {
      await eventually(() => expect(recorder.on(topic(place.door.id, 'events'))).toHaveLength(5))
      expect(recorder.on(topic(place.door.id, 'unlock')).map((message) => message.body?.eventId)).toEqual(byDoor[index])
      expect(recorder.on(topic(place.door.id, 'events')).map((message) => message.body?.eventId)).toEqual(byDoor[index])
    }
    await outboxDrained()
  })

  it('a publisher that was closed refuses a batch at once (the connection lives in a worker thread)', async () => {
    const publisher = connectMqtt({ url: SYSTEM_BROKER_URL, topicPrefix: prefix, log: { log: () => {}, warn: () => {} } })
    await eventually(() => expect(publisher.ready()).toBe(true))
    await publisher.publish([{ topic: `${prefix}/closing`, payload: '{}', retain: false }])
    await publisher.close()
    expect(publisher.ready()).toBe(false)
    await expect(publisher.publish([{ topic: `${prefix}/closing`, payload: '{}', retain: false }])).rejects.toThrow(/not connected/)
  })
})
