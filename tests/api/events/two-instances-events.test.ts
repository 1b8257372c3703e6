// Two app instances on one database, each with its own instanceId, MQTT connection and webhook
// sender, working the same outbox at the same time: each row is taken by one of them (one
// conditional UPDATE), fanned out once, published once; each webhook try is POSTed by one of them;
// a kiosk's change of presence, seen by both at once, is one event. On PostgreSQL the second
// instance is a second handle from createDb (its own Prisma client and pool), as in
// tests/api/door/two-instances.test.ts. On SQLite it is a second process on the same file
// (support/instance-worker.ts): in one process, two Prisma clients on SQLite would block each
// other's event loop in SQLite's synchronous busy wait, which no deployment does.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { closeDb, createDb, type Db } from '@/lib/db/client'
import { KIOSK_OFFLINE_AFTER_SECONDS, recordHeartbeat, sweepOfflineKiosks } from '@/lib/events/kiosk-presence'
import { OUTBOX_CLAIM_MS } from '@/lib/events/listeners'
import { WEBHOOK_EVENT_TYPES } from '@/lib/events/messages'
import { connectMqtt, type MqttPublisher } from '@/lib/events/mqtt'
import { processOutbox, type OutboxRun } from '@/lib/events/outbox'
import { createWebhookEndpoint, RETRY_DELAYS_SECONDS, sendDueWebhooks } from '@/lib/events/webhooks'
import {
  doorWithPeople,
  eventually,
  header,
  scanAt,
  startReceiver,
  subscribe,
  SYSTEM_BROKER_URL,
  uniqueTopicPrefix,
  type Recorder,
} from './support/peers'

const root = fileURLToPath(new URL('../../..', import.meta.url))
/** A second handle on the database, for scans (the hot path's statements never block the event loop). */
const second = createDb(process.env.DATABASE_URL!).db
const prefix = uniqueTopicPrefix()
const quiet = { log: () => {}, warn: () => {} }

/** One app instance's door-events work. */
interface Instance {
  name: string
  processOutbox(o: { now: Date; limit: number }): Promise<OutboxRun>
  sendDueWebhooks(o: { now: Date; parallel: number }): Promise<number>
  recordHeartbeat(o: { now: Date; kioskId: string }): Promise<{ cameOnline: boolean }>
  sweepOfflineKiosks(o: { now: Date }): Promise<string[]>
  close(): Promise<void>
}

function inThisProcess(name: string, instanceDb: Db): Instance {
  const mqtt: MqttPublisher = connectMqtt({ url: SYSTEM_BROKER_URL, topicPrefix: prefix, log: quiet })
  return {
    name,
    processOutbox: async (o) => {
      await eventually(() => expect(mqtt.ready()).toBe(true))
      return processOutbox({ db: instanceDb, mqtt, instanceId: name, ...o })
    },
    sendDueWebhooks: (o) => sendDueWebhooks({ db: instanceDb, ...o }),
    recordHeartbeat: (o) => recordHeartbeat({ db: instanceDb, ...o }),
    sweepOfflineKiosks: (o) => sweepOfflineKiosks({ db: instanceDb, ...o }),
    close: () => mqtt.close(),
  }
}

/** An instance in a process of its own (support/instance-worker.ts), asked over stdin. */
async function inAnotherProcess(name: string): Promise<Instance> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=react-server', join(root, 'tests/api/events/support/instance-worker.ts')],
    {
      cwd: root,
      env: { ...process.env, QRDOOR_WORKER_MQTT_URL: SYSTEM_BROKER_URL, QRDOOR_WORKER_TOPIC_PREFIX: prefix },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const waiting = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>()
  let ready!: () => void
  const isReady = new Promise<void>((resolve) => (ready = resolve))
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { ready?: true; id: number; ok: boolean; result: never; error: string }
    if (message.ready) return ready()
    const request = waiting.get(message.id)
    waiting.delete(message.id)
    if (message.ok) request?.resolve(message.result)
    else request?.reject(new Error(`${name}: ${message.error}`))
  })
  void exited.then(() => {
    for (const request of waiting.values()) request.reject(new Error(`${name} exited`))
  })
  await Promise.race([isReady, exited.then(() => Promise.reject(new Error(`${name} exited before it was ready`)))])
  let nextId = 0
  const ask = <T>(op: string, args: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId
      waiting.set(id, { resolve: resolve as (value: never) => void, reject })
      child.stdin.write(`${JSON.stringify({ id, op, args })}\n`)
    })
  const at = (now: Date) => now.toISOString()
  return {
    name,
    processOutbox: (o) => ask('processOutbox', { now: at(o.now), limit: o.limit, instanceId: name }),
    sendDueWebhooks: (o) => ask('sendDueWebhooks', { now: at(o.now), parallel: o.parallel }),
    recordHeartbeat: (o) => ask('recordHeartbeat', { now: at(o.now), kioskId: o.kioskId }),
    sweepOfflineKiosks: (o) => ask('sweepOfflineKiosks', { now: at(o.now) }),
    async close() {
      child.stdin.end()
      await exited
    },
  }
}

let instances: Instance[] = []
let recorder: Recorder
let receiver: Awaited<ReturnType<typeof startReceiver>>
/** POSTs the receiver got, per X-QRDoor-Delivery. */
const posts = new Map<string, number>()
let endpointIds: string[] = []

beforeAll(async () => {
  recorder = await subscribe(SYSTEM_BROKER_URL, [`${prefix}/doors/+/events`])
  instances = [
    inThisProcess('instance-a', db),
    db.sql.dialect === 'postgres' ? inThisProcess('instance-b', second) : await inAnotherProcess('instance-b'),
  ]
  receiver = await startReceiver((request) => {
    const deliveryId = header(request.headers, 'X-QRDoor-Delivery') ?? ''
    const count = (posts.get(deliveryId) ?? 0) + 1
    posts.set(deliveryId, count)
    // The first try of each delivery fails, so each is tried twice.
    return count === 1 ? 502 : 200
  })
  endpointIds = []
  for (const path of ['/one', '/two']) {
    endpointIds.push(
      (await createWebhookEndpoint({ db, now: new Date(), url: receiver.url(path), eventTypes: [...WEBHOOK_EVENT_TYPES] })).id,
    )
  }
})

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close()))
  await recorder?.close()
  await receiver?.close()
  await closeDb(second)
})

const seconds = (from: Date, s: number) => new Date(from.getTime() + s * 1000)

/** Each instance runs the outbox until it finds nothing more, both at the same time, several times over. */
async function bothProcess(now: Date, limit: number): Promise<OutboxRun[]> {
  const runs: OutboxRun[] = []
  await Promise.all(
    instances.map(async (instance) => {
      for (;;) {
        const run = await instance.processOutbox({ now, limit })
        runs.push(run)
        if (run.sent === 0) return
      }
    }),
  )
  return runs
}

/** Both instances send due webhooks, three workers each (the runtime's timer and a kick can overlap). */
async function bothSend(now: Date): Promise<number> {
  const tried = await Promise.all(instances.flatMap((instance) => [1, 2, 3].map(() => instance.sendDueWebhooks({ now, parallel: 4 }))))
  return tried.reduce((sum, count) => sum + count, 0)
}

describe('two instances on one outbox', () => {
  it('take each row once, fan it out once, publish it once, and POST each webhook try once', async () => {
    // 6 waves of scans, 10 seconds apart, by both instances; their claims end wave by wave, so the
    // instances race for each wave as it comes free, as after a crash.
    const places = await Promise.all([doorWithPeople({ people: 6 }), doorWithPeople({ people: 6 })])
    const t0 = new Date(Date.now() - 3600_000)
    const scans: { eventId: number; granted: boolean }[] = []
    for (let wave = 0; wave < 6; wave++) {
      const now = seconds(t0, wave * 10)
      const waveScans = await Promise.all(
        places.flatMap((place, placeIndex) =>
          [0, 1].map((personIndex) =>
            scanAt({
              database: (wave + personIndex) % 2 === 0 ? db : second,
              now,
              userId: place.people[(wave % 3) * 2 + personIndex]!.id,
              place,
              // One of each pair is refused, and at one door every other wave.
              wrong: personIndex === 1 && (placeIndex === 0 || wave % 2 === 0),
            }),
          ),
        ),
      )
      scans.push(...waveScans.map((scan) => ({ eventId: scan.eventId, granted: scan.granted })))
    }
    const granted = scans.filter((scan) => scan.granted).length
    const denied = scans.length - granted
    expect(scans).toHaveLength(24)
    // A row per scan on PostgreSQL, a row per group commit on SQLite: together, every event once.
    const outboxRows = await db.outboxMessage.findMany({ select: { accessEventId: true, lastAccessEventId: true } })
    const toldOf = outboxRows.flatMap(({ accessEventId: first, lastAccessEventId: last }) =>
      Array.from({ length: (last ?? first!) - first! + 1 }, (_, index) => first! + index),
    )
    expect(toldOf.sort()).toEqual(scans.map((scan) => scan.eventId).sort())

    let sent = 0
    let deliveries = 0
    for (let wave = 0; wave < 6; wave++) {
      const runs = await bothProcess(seconds(t0, wave * 10 + OUTBOX_CLAIM_MS / 1000), 3)
      sent += runs.reduce((sum, run) => sum + run.sent, 0)
      deliveries += runs.reduce((sum, run) => sum + run.deliveries, 0)
      expect(runs.every((run) => run.waiting === 0)).toBe(true)
    }
    expect(sent).toBe(outboxRows.length)
    expect(await db.outboxMessage.count()).toBe(0)

    // Fanned out once: per endpoint, access.granted and door.unlocked for a grant, access.denied for a refusal.
    const perEndpoint = granted * 2 + denied
    expect(deliveries).toBe(perEndpoint * 2)
    const rows = await db.webhookDelivery.findMany({ select: { id: true, endpointId: true, eventId: true, type: true } })
    expect(rows).toHaveLength(perEndpoint * 2)
    expect(new Set(rows.map((row) => `${row.endpointId} ${row.eventId}`)).size).toBe(rows.length)
    for (const endpointId of endpointIds) expect(rows.filter((row) => row.endpointId === endpointId)).toHaveLength(perEndpoint)

    // Published once: every access event's message, none twice.
    await eventually(() => expect(recorder.messages).toHaveLength(24))
    expect(recorder.messages.map((message) => message.body?.eventId).sort()).toEqual(scans.map((scan) => scan.eventId).sort())

    // Every try POSTed by one instance: the first (refused) now, the second after the first delay.
    const now = seconds(t0, 120)
    expect(await bothSend(now)).toBe(rows.length)
    expect(await bothSend(now)).toBe(0)
    expect([...posts.values()]).toEqual(Array(rows.length).fill(1))
    const retryAt = seconds(now, RETRY_DELAYS_SECONDS[0]!)
    expect(await bothSend(retryAt)).toBe(rows.length)
    expect(await bothSend(seconds(retryAt, 3600))).toBe(0)
    expect(posts.size).toBe(rows.length)
    expect([...posts.values()]).toEqual(Array(rows.length).fill(2))
    expect(new Set(posts.keys())).toEqual(new Set(rows.map((row) => row.id)))
    expect(await db.webhookDelivery.groupBy({ by: ['status', 'attempts'], _count: true })).toEqual([
      { status: 'sent', attempts: 2, _count: rows.length },
    ])
  }, 60_000)

  it('make one kiosk.online and one kiosk.offline row per change, however many heartbeats and sweeps race', async () => {
    await db.outboxMessage.deleteMany()
    await db.webhookDelivery.deleteMany()
    const place = await doorWithPeople()
    const kiosks = [place.kiosk]
    for (let index = 0; index < 4; index++) {
      kiosks.push(
        await db.kiosk.create({ data: { id: randomUUID(), name: `Tablet ${index}`, tokenHash: randomUUID(), doorId: place.door.id } }),
      )
    }
    const t0 = new Date(Date.now() - 600_000)
    const presenceRows = async (online: boolean) =>
      (await db.outboxMessage.findMany({ where: { kind: 'kiosk_presence' } }))
        .filter((row) => (JSON.parse(row.payload!) as { online: boolean }).online === online)
        .map((row) => row.kioskId)
        .sort()
    const ids = kiosks.map((kiosk) => kiosk.id).sort()

    // Every kiosk's first heartbeats, eight at once on the two instances.
    const beats = await Promise.all(
      kiosks.flatMap((kiosk) =>
        Array.from({ length: 8 }, (_, index) => instances[index % 2]!.recordHeartbeat({ now: t0, kioskId: kiosk.id })),
      ),
    )
    expect(beats.filter((beat) => beat.cameOnline)).toHaveLength(kiosks.length)
    expect(await presenceRows(true)).toEqual(ids)
    expect(await db.kiosk.count({ where: { id: { in: ids }, online: true } })).toBe(kiosks.length)

    // Silent for longer than KIOSK_OFFLINE_AFTER_SECONDS: six sweeps at once, three on each instance.
    const late = seconds(t0, KIOSK_OFFLINE_AFTER_SECONDS + 1)
    const swept = await Promise.all(Array.from({ length: 6 }, (_, index) => instances[index % 2]!.sweepOfflineKiosks({ now: late })))
    expect(swept.flat().sort()).toEqual(ids)
    expect(await presenceRows(false)).toEqual(ids)
    // Nothing changed since: sweeps and a heartbeat of a kiosk that is still online make no more rows.
    expect(await instances[1]!.sweepOfflineKiosks({ now: seconds(late, 1) })).toEqual([])

    // Back: again one row per kiosk.
    const back = seconds(late, 5)
    const again = await Promise.all(
      kiosks.flatMap((kiosk) => [0, 1, 2, 3].map((index) => instances[index % 2]!.recordHeartbeat({ now: back, kioskId: kiosk.id }))),
    )
    expect(again.filter((beat) => beat.cameOnline)).toHaveLength(kiosks.length)
    expect(await db.outboxMessage.count({ where: { kind: 'kiosk_presence' } })).toBe(kiosks.length * 3)

    // Sent by the two instances: one delivery per change and endpoint.
    await bothProcess(seconds(back, OUTBOX_CLAIM_MS / 1000), 4)
    expect(await db.outboxMessage.count()).toBe(0)
    const deliveries = await db.webhookDelivery.groupBy({ by: ['type'], _count: true, orderBy: { type: 'asc' } })
    expect(deliveries).toEqual([
      { type: 'kiosk.offline', _count: kiosks.length * endpointIds.length },
      { type: 'kiosk.online', _count: 2 * kiosks.length * endpointIds.length },
    ])
  }, 60_000)
})
