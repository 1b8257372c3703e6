// A door relay's side of MQTT for the specs: subscribe to the e2e server's topics on the broker
// and wait for a message, as an ESPHome or Home Assistant relay would.
import { expect } from '@playwright/test'
import mqtt, { type MqttClient } from 'mqtt'
import { e2eMqttTopicPrefix, e2eMqttUrl } from '../config'

export interface MqttMessage {
  topic: string
  payload: string
  retain: boolean
}

export interface MqttListener {
  messages: MqttMessage[]
  /** The first message on `topic` (this run's prefix is added) that `match` accepts; waits for it. */
  next(topic: string, match?: (payload: Record<string, unknown>) => boolean, timeout?: number): Promise<Record<string, unknown>>
  close(): Promise<void>
}

export const topicOf = (leaf: string) => `${e2eMqttTopicPrefix}/${leaf}`

export async function listenToMqtt(topics: string[]): Promise<MqttListener> {
  const client = await mqtt.connectAsync(e2eMqttUrl, {
    clientId: `e2e-relay-${Math.random().toString(36).slice(2, 10)}`,
    reconnectPeriod: 0,
  })
  const messages: MqttMessage[] = []
  client.on('message', (topic, payload, packet) => messages.push({ topic, payload: payload.toString('utf8'), retain: packet.retain }))
  await client.subscribeAsync(
    topics.map((topic) => topicOf(topic)),
    { qos: 1 },
  )
  return {
    messages,
    async next(topic, match = () => true, timeout = 15_000) {
      const full = topicOf(topic)
      const find = () =>
        messages
          .filter((message) => message.topic === full)
          .map((message) => JSON.parse(message.payload) as Record<string, unknown>)
          .find(match)
      await expect.poll(() => find() !== undefined, { message: `an MQTT message on ${full}`, timeout }).toBe(true)
      return find()!
    },
    close: () => client.endAsync(),
  }
}

/**
 * Clears what the e2e server left retained under this run's prefix (each door's lockdown state), so
 * the shared broker does not keep it after the run.
 */
export async function clearRetained(): Promise<void> {
  const client: MqttClient = await mqtt.connectAsync(e2eMqttUrl, { reconnectPeriod: 0 })
  const retained = new Set<string>()
  client.on('message', (topic, _payload, packet) => {
    if (packet.retain) retained.add(topic)
  })
  await client.subscribeAsync(`${e2eMqttTopicPrefix}/#`, { qos: 1 })
  // The broker sends retained messages right after the subscription; give them a moment.
  await new Promise((resolve) => setTimeout(resolve, 500))
  for (const topic of retained) await client.publishAsync(topic, '', { qos: 1, retain: true })
  await client.endAsync()
}
