// The MQTT connection (MQTT.js) that the outbox publishes through: QoS 1, so a message counts as
// sent only once the broker acknowledged it. Reconnects with a growing back-off (1 s doubling to
// 30 s) instead of MQTT.js's fixed period, so a broker that is down for a while is not hammered;
// back to 1 s once connected. After every (re)connect `onConnect` runs: the runtime republishes
// each door's retained state, which a restarted broker without persistence has forgotten.
//
// The connection lives in a worker thread. MQTT.js encodes each PUBLISH in several small socket
// writes and keeps a timer and a callback per message until its PUBACK: under a stream of scans
// that was 12–20 µs of the event loop's time per scan, more than a tenth of a scan (decision 0013,
// addendum "off the event loop"). The event loop now hands each batch over in one postMessage and
// hears back once the broker acknowledged all of it.
import { Worker } from 'node:worker_threads'
import type { MqttMessage } from './messages'
import type { MqttSink } from './outbox'

export const RECONNECT_MIN_MS = 1_000
export const RECONNECT_MAX_MS = 30_000
/** How long a batch may wait for the broker's acknowledgements before it counts as failed. */
const PUBLISH_TIMEOUT_MS = 10_000

export interface MqttPublisher extends MqttSink {
  close(): Promise<void>
}

/** What the worker tells the event loop. */
type WorkerReport =
  | { kind: 'connect' }
  | { kind: 'close' }
  | { kind: 'log'; level: 'log' | 'warn'; text: string }
  | { kind: 'published'; batch: number; error?: string }

/**
 * The worker's code, run with `eval` as lib/db/wal-checkpointer.ts's is: a bundler cannot move or
 * rename a file it does not see. MQTT.js is required from the app's own node_modules.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const { createRequire } = require('node:module')
const { join } = require('node:path')
let mqtt
try {
  mqtt = createRequire(join(workerData.root, 'package.json'))('mqtt')
} catch {
  mqtt = require('mqtt')
}
const o = workerData.options
const report = (message) => parentPort.postMessage(message)
const client = mqtt.connect(o.url, {
  username: o.username,
  password: o.password,
  clientId: o.clientId,
  // Reconnects are ours (below), with back-off.
  reconnectPeriod: 0,
  connectTimeout: 5000,
  // Nothing is queued in memory while offline: the outbox is the queue.
  queueQoSZero: false,
})
let delay = o.reconnectMinMs
let closing = false
let timer
let wasConnected = false
client.on('connect', () => {
  delay = o.reconnectMinMs
  if (!wasConnected) report({ kind: 'log', level: 'log', text: 'connected to ' + o.redactedUrl })
  wasConnected = true
  report({ kind: 'connect' })
})
client.on('error', (error) => report({ kind: 'log', level: 'warn', text: error.message }))
client.on('close', () => {
  report({ kind: 'close' })
  if (closing || timer) return
  if (wasConnected) report({ kind: 'log', level: 'warn', text: 'connection to ' + o.redactedUrl + ' lost; retrying with back-off' })
  wasConnected = false
  timer = setTimeout(() => {
    timer = undefined
    if (!closing) client.reconnect()
  }, delay)
  delay = Math.min(delay * 2, o.reconnectMaxMs)
})

async function publish(messages) {
  // Sent in order on the one connection; the broker keeps that order to each subscriber.
  const acks = messages.map((message) => client.publishAsync(message.topic, message.payload, { qos: 1, retain: message.retain }))
  let timeout
  const timedOut = new Promise((_, reject) => {
    timeout = setTimeout(() => reject(new Error('The MQTT broker did not acknowledge within ' + o.publishTimeoutMs / 1000 + ' s')), o.publishTimeoutMs)
  })
  try {
    await Promise.race([Promise.all(acks), timedOut])
  } finally {
    clearTimeout(timeout)
    // A batch that failed part-way leaves its other acknowledgements unawaited: they are sent again.
    for (const ack of acks) ack.catch(() => undefined)
  }
}

parentPort.on('message', (message) => {
  if (message.kind === 'publish') {
    publish(message.messages).then(
      () => report({ kind: 'published', batch: message.batch }),
      (error) => report({ kind: 'published', batch: message.batch, error: error instanceof Error ? error.message : String(error) }),
    )
  } else if (message.kind === 'close') {
    closing = true
    clearTimeout(timer)
    client.endAsync(true).finally(() => parentPort.close())
  }
})
`

export function connectMqtt(o: {
  url: string
  username?: string
  password?: string
  topicPrefix: string
  clientId?: string
  onConnect?: () => void
  log?: Pick<Console, 'warn' | 'log'>
}): MqttPublisher {
  const log = o.log ?? console
  const workerData = {
    root: process.cwd(),
    options: {
      url: o.url,
      redactedUrl: redact(o.url),
      username: o.username,
      password: o.password,
      clientId: o.clientId,
      reconnectMinMs: RECONNECT_MIN_MS,
      reconnectMaxMs: RECONNECT_MAX_MS,
      publishTimeoutMs: PUBLISH_TIMEOUT_MS,
    },
  }
  let worker: Worker | null = null
  let connected = false
  let closing = false
  let restartDelay = RECONNECT_MIN_MS
  let restartTimer: NodeJS.Timeout | undefined
  let nextBatch = 0
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>()
  let closed!: () => void
  const exited = new Promise<void>((resolve) => (closed = resolve))

  function onReport(report: WorkerReport) {
    switch (report.kind) {
      case 'connect':
        connected = true
        restartDelay = RECONNECT_MIN_MS
        o.onConnect?.()
        return
      case 'close':
        connected = false
        return
      case 'log':
        log[report.level](`[qr-door] MQTT: ${report.text}`)
        return
      case 'published': {
        const batch = waiting.get(report.batch)
        waiting.delete(report.batch)
        if (report.error === undefined) batch?.resolve()
        else batch?.reject(new Error(report.error))
      }
    }
  }

  function start() {
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData })
    // Like MQTT.js's socket before it: it never keeps the process alive.
    started.unref()
    started.on('message', onReport)
    started.on('error', (error) => log.warn(`[qr-door] MQTT: the connection's worker failed: ${error.message}`))
    started.once('exit', () => {
      worker = null
      connected = false
      // Left claimed: the rows are sent again by the next run (or instance) that can.
      for (const { reject } of waiting.values())
        reject(new Error(closing ? 'The MQTT connection was closed' : "The MQTT connection's worker stopped"))
      waiting.clear()
      if (closing) return closed()
      // A worker that died (it should not) is started again, with the connections' back-off.
      restartTimer = setTimeout(start, restartDelay)
      restartTimer.unref()
      restartDelay = Math.min(restartDelay * 2, RECONNECT_MAX_MS)
    })
    worker = started
  }
  start()

  return {
    topicPrefix: o.topicPrefix,
    ready: () => connected,
    publish(messages: MqttMessage[]) {
      const current = worker
      if (!current) return Promise.reject(new Error('The MQTT broker is not connected'))
      const batch = nextBatch++
      return new Promise<void>((resolve, reject) => {
        waiting.set(batch, { resolve, reject })
        current.postMessage({ kind: 'publish', batch, messages })
      })
    },
    async close() {
      if (closing) return exited
      closing = true
      clearTimeout(restartTimer)
      if (!worker) return closed()
      worker.postMessage({ kind: 'close' })
      await exited
    },
  }
}

/** The URL without its password, for logs. */
function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return url
  }
}
