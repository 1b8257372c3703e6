// The MQTT connection (MQTT.js) that the outbox publishes through: QoS 1, so a message counts as
// sent only once the broker acknowledged it. Reconnects with a growing back-off (1 s doubling to
// 30 s) instead of MQTT.js's fixed period, so a broker that is down for a while is not hammered;
// back to 1 s once connected. After every (re)connect `onConnect` runs: the runtime republishes
// each door's retained state, which a restarted broker without persistence has forgotten.
import mqtt, { type MqttClient } from 'mqtt'
import type { MqttSink } from './outbox'

export const RECONNECT_MIN_MS = 1_000
export const RECONNECT_MAX_MS = 30_000
/** How long a batch may wait for the broker's acknowledgements before it counts as failed. */
const PUBLISH_TIMEOUT_MS = 10_000

export interface MqttPublisher extends MqttSink {
  close(): Promise<void>
}

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
  const client: MqttClient = mqtt.connect(o.url, {
    username: o.username,
    password: o.password,
    clientId: o.clientId,
    // Reconnects are ours (below), with back-off.
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    // Nothing is queued in memory while offline: the outbox is the queue.
    queueQoSZero: false,
  })
  let delay = RECONNECT_MIN_MS
  let closing = false
  let timer: NodeJS.Timeout | undefined
  let wasConnected = false
  client.on('connect', () => {
    delay = RECONNECT_MIN_MS
    if (!wasConnected) log.log(`[qr-door] MQTT: connected to ${redact(o.url)}`)
    wasConnected = true
    o.onConnect?.()
  })
  client.on('error', (error) => log.warn(`[qr-door] MQTT: ${error.message}`))
  client.on('close', () => {
    if (closing || timer) return
    if (wasConnected) log.warn(`[qr-door] MQTT: connection to ${redact(o.url)} lost; retrying with back-off`)
    wasConnected = false
    timer = setTimeout(() => {
      timer = undefined
      if (!closing) client.reconnect()
    }, delay)
    timer.unref()
    delay = Math.min(delay * 2, RECONNECT_MAX_MS)
  })

  return {
    topicPrefix: o.topicPrefix,
    ready: () => client.connected,
    async publish(messages) {
      // Sent in order on the one connection; the broker keeps that order to each subscriber.
      const acks = messages.map((message) => client.publishAsync(message.topic, message.payload, { qos: 1, retain: message.retain }))
      let timeout: NodeJS.Timeout | undefined
      const timedOut = new Promise<never>((_, reject) => {
        timeout = setTimeout(
          () => reject(new Error(`The MQTT broker did not acknowledge within ${PUBLISH_TIMEOUT_MS / 1000} s`)),
          PUBLISH_TIMEOUT_MS,
        )
      })
      try {
        await Promise.race([Promise.all(acks), timedOut])
      } finally {
        clearTimeout(timeout)
        // A batch that failed part-way leaves its other acknowledgements unawaited: they are sent again.
        for (const ack of acks) ack.catch(() => undefined)
      }
    },
    async close() {
      closing = true
      clearTimeout(timer)
      await client.endAsync(true)
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
