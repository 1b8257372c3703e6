// Real peers for the door-events tests (lib/events): MQTT subscribers (MQTT.js) on the machine's
// Mosquitto or on a private one started here, a webhook receiver on node:http, and the people,
// doors and kiosks a scan needs.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { createConnection, createServer as createNetServer, type AddressInfo } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import { vi } from 'vitest'
import { generateToken, hashToken } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import type { Db } from '@/lib/db/client'
import { formatQrString } from '@/lib/door/qr-string'
import { totpCode, totpStep } from '@/lib/door/totp'
import { decryptTotpSecret } from '@/lib/door/totp-secret'
import { validateScan } from '@/lib/door/validate-scan'
import { createPassUser, wrongCodeFor } from '../../door/fixtures'

/** The machine's Mosquitto (`mosquitto -d -c /etc/mosquitto/mosquitto.conf` starts it). */
export const SYSTEM_BROKER_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883'

/** A topic prefix no other test file (or run) shares. */
export const uniqueTopicPrefix = () => `qrdoor-test-${randomBytes(5).toString('hex')}`

/** Polls `check` (an `expect` that throws until it holds) until it passes; no fixed sleeps. */
export const eventually = <T>(check: () => T | Promise<T>, timeoutMs = 10_000, intervalMs = 25) =>
  vi.waitFor(check, { timeout: timeoutMs, interval: intervalMs })

export async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

export interface ReceivedMessage {
  topic: string
  /** The payload, parsed as JSON (null for an empty payload: a cleared retained message). */
  body: Record<string, unknown> | null
  retain: boolean
  /** The QoS it came with: the lower of the publisher's and the subscription's (1 here). */
  qos: number
}

/** An MQTT subscriber that keeps every message it gets, in order. */
export interface Recorder {
  client: MqttClient
  messages: ReceivedMessage[]
  on(topic: string): ReceivedMessage[]
  close(): Promise<void>
}

export async function subscribe(url: string, topics: string[], options: IClientOptions = {}): Promise<Recorder> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 500, connectTimeout: 5_000, ...options })
  const messages: ReceivedMessage[] = []
  client.on('message', (topic, payload, packet) => {
    const text = payload.toString('utf8')
    messages.push({
      topic,
      body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>),
      retain: packet.retain,
      qos: packet.qos,
    })
  })
  await client.subscribeAsync(topics, { qos: 1 })
  return {
    client,
    messages,
    on: (topic) => messages.filter((message) => message.topic === topic),
    close: () => client.endAsync(true),
  }
}

/**
 * Clears the retained door states a runtime published under `prefix` (one per door, on connect and
 * on lockdown changes), so that test runs leave nothing on the machine's broker.
 */
export async function clearDoorStates(url: string, prefix: string): Promise<void> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5_000 })
  try {
    const doors = await db.door.findMany({ select: { id: true } })
    await Promise.all(doors.map((door) => client.publishAsync(`${prefix}/doors/${door.id}/state`, '', { qos: 1, retain: true })))
  } finally {
    await client.endAsync()
  }
}

/** A Mosquitto of this test file's own, on its own port, with persistence in a temporary folder. */
export interface PrivateBroker {
  port: number
  url: string
  start(): Promise<void>
  /** Stops it (SIGTERM: it saves its state, as a service stop does) and waits until it is gone. */
  stop(): Promise<void>
  /** Stops it if running and removes its folder. */
  dispose(): Promise<void>
}

export async function privateBroker(): Promise<PrivateBroker> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'qrdoor-mosquitto-'))
  const conf = join(dir, 'mosquitto.conf')
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir}/`,
      // Run as root, Mosquitto would drop to the "mosquitto" user, which cannot write `dir`.
      `user ${userInfo().username}`,
      'log_dest none',
      '',
    ].join('\n'),
  )
  let child: ChildProcess | null = null
  let exited: Promise<void> = Promise.resolve()
  const broker: PrivateBroker = {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    async start() {
      if (child) throw new Error('the broker is already running')
      const started = spawn('/usr/sbin/mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      started.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      exited = new Promise((resolve) => started.once('exit', () => resolve()))
      child = started
      void exited.then(() => {
        if (child === started) child = null
      })
      await eventually(async () => {
        if (child !== started) throw new Error(`mosquitto exited: ${stderr}`)
        if (!(await listening(port))) throw new Error(`mosquitto is not listening on ${port} yet`)
      }, 10_000)
    },
    async stop() {
      if (!child) return
      child.kill('SIGTERM')
      await exited
    },
    async dispose() {
      await broker.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  await broker.start()
  return broker
}

/** A door (its unlockSeconds not the default 5, so the messages must read it), people whose group holds it, and a kiosk there. */
export async function doorWithPeople(options: { people?: number; unlockSeconds?: number } = {}) {
  const door = await db.door.create({
    data: { id: `door-${randomUUID()}`, name: `Door ${randomUUID().slice(0, 6)}`, unlockSeconds: options.unlockSeconds ?? 7 },
  })
  const people = []
  for (let index = 0; index < (options.people ?? 1); index++) people.push(await createPassUser({ name: `Person ${index + 1}` }))
  await db.accessGroup.create({
    data: {
      id: randomUUID(),
      name: `Group ${randomUUID()}`,
      schedule: '[]',
      doors: { create: [{ doorId: door.id }] },
      members: { create: people.map((person) => ({ userId: person.id })) },
    },
  })
  const kiosk = await db.kiosk.create({
    data: { id: randomUUID(), name: `Kiosk at ${door.name}`, tokenHash: hashToken(generateToken('kiosk')), doorId: door.id },
  })
  return { door, people, kiosk }
}

/** The user's QR string for the TOTP step of `at` (plus `stepOffset`). */
export async function passAt(userId: string, at: Date, stepOffset = 0): Promise<string> {
  const { totpSecretEnc } = await db.user.findUniqueOrThrow({ where: { id: userId } })
  const secret = decryptTotpSecret({ encrypted: totpSecretEnc!, userId })!
  return formatQrString(userId, totpCode({ secret, step: totpStep(at) + stepOffset }))
}

/** A scan at the kiosk of `place`: the person's right code (granted, at their door) or a wrong one. */
export async function scanAt(o: {
  database?: Db
  now: Date
  userId: string
  place: { door: { id: string }; kiosk: { id: string } }
  wrong?: boolean
}) {
  const pass = await passAt(o.userId, o.now)
  return validateScan({
    db: o.database ?? db,
    now: o.now,
    input: o.wrong ? wrongCodeFor(pass) : pass,
    kioskId: o.place.kiosk.id,
    doorId: o.place.door.id,
  })
}

export interface ReceivedDelivery {
  path: string
  headers: IncomingHttpHeaders
  body: string
  /** The status the receiver answered. */
  status: number
}

/**
 * A webhook receiver: every request is recorded; `answer` picks the status of each (default 200).
 * `hang` paths never answer (a receiver that times out).
 */
export async function startReceiver(answer: (request: Omit<ReceivedDelivery, 'status'>) => number = () => 200) {
  const received: ReceivedDelivery[] = []
  const hanging = new Set<() => void>()
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const delivery = { path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') }
      const status = answer(delivery)
      received.push({ ...delivery, status })
      if (status === 0) {
        // Never answers; closed when the receiver stops.
        hanging.add(() => response.destroy())
        return
      }
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'receiver says no')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    async close() {
      for (const hang of hanging) hang()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}
