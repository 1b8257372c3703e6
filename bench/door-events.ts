// BENCH_DOOR_EVENTS=1: the apps run with door events on, as a building with relays and an
// integration would: MQTT to the local Mosquitto (every scan at a door publishes its event, every
// grant its unlock) and one webhook endpoint wanting the entries and the kiosks' presence
// (access.granted, door.unlocked, kiosk.online, kiosk.offline), answered by a receiver in this
// process. Issue 11's budget: the hot rows stay within 10 % of a run without them.
// BENCH_DOOR_EVENTS=all: the webhook wants every event type, access.denied too: a POST for every
// scan, most of them replays here (the worst case, not the budget's). =mqtt: no webhook.
import { randomBytes } from 'node:crypto'
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import mqtt from 'mqtt'
import type { ApiClient } from './harness'

const mode = process.env.BENCH_DOOR_EVENTS
export const doorEventsOn = mode === '1' || mode === 'all' || mode === 'mqtt'
/** BENCH_DOOR_EVENTS=mqtt: MQTT only, no webhook endpoint (to tell the two costs apart). */
const withWebhook = mode !== 'mqtt'
const webhookEventTypes =
  mode === 'all'
    ? ['access.granted', 'access.denied', 'door.unlocked', 'kiosk.offline', 'kiosk.online']
    : ['access.granted', 'door.unlocked', 'kiosk.offline', 'kiosk.online']
const brokerUrl = process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883'

export interface DoorEventsListener {
  /** The env the app starts with. */
  appEnv: Record<string, string>
  /** Adds the webhook endpoint, once the app answers. */
  subscribe(api: ApiClient): Promise<void>
  counts(): { mqttMessages: number; webhookDeliveries: number }
  stop(): Promise<void>
}

export async function listenToDoorEvents(): Promise<DoorEventsListener> {
  const topicPrefix = `qrdoor-bench-${randomBytes(4).toString('hex')}`
  let mqttMessages = 0
  let webhookDeliveries = 0
  const subscriber = await mqtt.connectAsync(brokerUrl)
  subscriber.on('message', () => mqttMessages++)
  await subscriber.subscribeAsync(`${topicPrefix}/#`, { qos: 1 })
  const receiver: HttpServer = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      webhookDeliveries++
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const { port } = receiver.address() as AddressInfo
  return {
    appEnv: { MQTT_URL: brokerUrl, MQTT_TOPIC_PREFIX: topicPrefix },
    async subscribe(api) {
      if (!withWebhook) return
      await api.call('POST', '/api/admin/webhooks', {
        body: {
          url: `http://127.0.0.1:${port}/qr-door`,
          eventTypes: webhookEventTypes,
        },
        expect: 201,
      })
    },
    counts: () => ({ mqttMessages, webhookDeliveries }),
    async stop() {
      await subscriber.endAsync()
      await new Promise((resolve) => receiver.close(resolve))
    },
  }
}
