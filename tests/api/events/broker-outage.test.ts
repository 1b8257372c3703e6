// Nothing lost (SPEC "Door control and events"): a broker outage and an instance killed before it
// published delay unlock messages and lose none. A private Mosquitto (its own port, persistence in a
// temporary folder) is stopped and started again here, so the machine's broker is not disturbed; a
// relay-like subscriber keeps its session (clean: false, QoS 1) across the restart.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { INSTANCE_ID, OUTBOX_CLAIM_MS } from '@/lib/events/listeners'
import { connectMqtt, type MqttPublisher } from '@/lib/events/mqtt'
import { outboxBacklog, processOutbox } from '@/lib/events/outbox'
import { doorEventsMqttStatus, startDoorEvents, type DoorEvents } from '@/lib/events/runtime'
import {
  doorWithPeople,
  eventually,
  passAt,
  privateBroker,
  scanAt,
  subscribe,
  uniqueTopicPrefix,
  type PrivateBroker,
  type Recorder,
} from './support/peers'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const prefix = uniqueTopicPrefix()

let broker: PrivateBroker
let relay: Recorder
let events: DoorEvents | undefined
let publisher: MqttPublisher | undefined

beforeAll(async () => {
  broker = await privateBroker()
  // A relay controller: its subscription and what the broker queued for it outlive a restart.
  relay = await subscribe(broker.url, [`${prefix}/doors/+/unlock`], {
    clean: false,
    clientId: `qrdoor-relay-${randomBytes(4).toString('hex')}`,
  })
})

afterAll(async () => {
  await events?.stop()
  await publisher?.close()
  await relay?.close()
  await broker?.dispose()
})

/** The event ids of the unlock messages the relay got (each at least once). */
const unlockedIds = () => new Set(relay.messages.map((message) => message.body?.eventId as number))

describe('a broker outage', () => {
  it('keeps the unlocks in the outbox while the broker is down, and publishes every one once it is back', async () => {
    events = startDoorEvents({ db, mqtt: { url: broker.url, topicPrefix: prefix } })
    await eventually(() => expect(doorEventsMqttStatus(db)).toEqual({ configured: true, connected: true }))
    const place = await doorWithPeople({ people: 7 })
    const [first, ...others] = place.people

    const before = await scanAt({ now: new Date(), userId: first!.id, place })
    await eventually(() => expect(unlockedIds()).toContain(before.eventId))

    await broker.stop()
    await eventually(() => expect(doorEventsMqttStatus(db)).toEqual({ configured: true, connected: false }))
    const during: number[] = []
    for (const person of others) {
      const scan = await scanAt({ now: new Date(), userId: person.id, place })
      // The door answers as ever: the outage is MQTT's, not the scan's.
      expect(scan.granted).toBe(true)
      during.push(scan.eventId)
    }
    // Down long enough for the publisher's reconnects to fail more than once (the outbox is run
    // every second; each run finds the broker gone and leaves the rows, saying why).
    await eventually(async () => expect(await db.outboxMessage.count({ where: { attempts: { lt: 3 } } })).toBe(0), 20_000, 100)
    await events.settled()
    const backlog = await outboxBacklog({ db, now: new Date() })
    expect(backlog).toMatchObject({ messages: during.length, lastError: 'The MQTT broker is not connected' })
    const waiting = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
    expect(waiting.map((row) => row.accessEventId)).toEqual(during)
    expect(waiting.every((row) => row.claimedBy === INSTANCE_ID)).toBe(true)
    expect([...unlockedIds()].filter((id) => during.includes(id))).toEqual([])

    await broker.start()
    // The publisher reconnects after its back-off (1 s, doubling), then sends what waited.
    await eventually(
      () => expect([...unlockedIds()].filter((id) => during.includes(id)).sort((a, b) => a - b)).toEqual(during),
      60_000,
      100,
    )
    await events.settled()
    await eventually(async () => expect(await db.outboxMessage.count()).toBe(0))
    expect(await outboxBacklog({ db, now: new Date() })).toMatchObject({ messages: 0, oldestMessageAt: null, lastError: null })
    await events.stop()
    events = undefined
  }, 90_000)
})

describe('a broker that is down when the app starts', () => {
  it('is connected to once it comes up, and what waited is published', async () => {
    await broker.stop()
    events = startDoorEvents({ db, mqtt: { url: broker.url, topicPrefix: prefix } })
    const place = await doorWithPeople({ people: 2 })
    const scans: number[] = []
    for (const person of place.people) scans.push((await scanAt({ now: new Date(), userId: person.id, place })).eventId)
    // The first reconnect fails too (a second, growing wait follows), then the broker comes up.
    await eventually(async () => expect(await db.outboxMessage.count({ where: { attempts: { lt: 2 } } })).toBe(0), 20_000, 100)
    expect(doorEventsMqttStatus(db)).toEqual({ configured: true, connected: false })
    await broker.start()
    await eventually(() => expect([...unlockedIds()].filter((id) => scans.includes(id)).sort((a, b) => a - b)).toEqual(scans), 60_000, 100)
    await events.settled()
    await eventually(async () => expect(await db.outboxMessage.count()).toBe(0))
    await events.stop()
    events = undefined
  }, 90_000)
})

describe('an instance killed before it published', () => {
  it('leaves its committed outbox rows to another instance once their claim ends, which publishes every unlock', async () => {
    const place = await doorWithPeople({ people: 4 })
    const now = new Date()
    const passes = await Promise.all(place.people.map((person) => passAt(person.id, now)))

    const child = spawn(
      // Node itself with tsx's loader (not tsx's CLI, which would outlive the child it runs): the
      // process that dies is the one that scanned.
      process.execPath,
      ['--import', 'tsx', '--conditions=react-server', join(root, 'tests/api/events/support/crash-after-scans.ts')],
      {
        cwd: root,
        env: {
          ...process.env,
          QRDOOR_CRASH_SCANS: JSON.stringify({ now: now.toISOString(), passes, doorId: place.door.id, kioskId: place.kiosk.id }),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    )
    expect(exit, stderr).toEqual({ code: null, signal: 'SIGKILL' })
    const { eventIds } = JSON.parse(stdout) as { eventIds: number[] }
    expect(eventIds).toHaveLength(4)

    // Committed before the process died: the events and their rows, claimed by the dead instance.
    expect(await db.accessEvent.count({ where: { id: { in: eventIds }, reason: 'granted' } })).toBe(4)
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((row) => row.accessEventId)).toEqual(eventIds)
    expect(rows.every((row) => row.claimedBy !== INSTANCE_ID && row.claimedUntil.getTime() === now.getTime() + OUTBOX_CLAIM_MS)).toBe(true)

    publisher = connectMqtt({ url: broker.url, topicPrefix: prefix, log: { log: () => {}, warn: () => {} } })
    await eventually(() => expect(publisher!.ready()).toBe(true))
    // While the claim lasts, the rows are the dead instance's: nobody else sends them.
    const during = new Date(now.getTime() + OUTBOX_CLAIM_MS - 1000)
    expect(await processOutbox({ db, now: during, mqtt: publisher })).toEqual({ sent: 0, deliveries: 0, waiting: 0 })
    expect(await db.outboxMessage.count()).toBe(4)

    const after = new Date(now.getTime() + OUTBOX_CLAIM_MS)
    expect(await processOutbox({ db, now: after, mqtt: publisher })).toEqual({ sent: 4, deliveries: 0, waiting: 0 })
    await eventually(() => expect([...unlockedIds()].filter((id) => eventIds.includes(id)).sort((a, b) => a - b)).toEqual(eventIds))
    const unlocks = relay.messages.filter((message) => eventIds.includes(message.body?.eventId as number))
    expect(unlocks[0]!.body).toEqual({
      eventId: eventIds[0],
      doorId: place.door.id,
      userId: place.people[0]!.id,
      seconds: 7,
      at: now.toISOString(),
    })
    expect(await db.outboxMessage.count()).toBe(0)
  }, 60_000)
})
