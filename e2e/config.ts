// Settings shared by playwright.config.ts, the e2e server and the specs.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const e2ePort = Number(process.env.E2E_PORT ?? 3100)
export const e2eBaseUrl = `http://127.0.0.1:${e2ePort}`
/** Ports of servers that specs start themselves (e2e/support/own-server.ts), and of their webhook receiver. */
export const ownServerPorts = {
  crash: e2ePort + 2,
  parityDispatched: e2ePort + 3,
  parityThroughNext: e2ePort + 4,
  webhookReceiver: e2ePort + 5,
}
/** The MQTT broker of the e2e server (mosquitto, on this machine and in CI). */
export const e2eMqttUrl = process.env.E2E_MQTT_URL ?? 'mqtt://127.0.0.1:1883'
// The e2e server's topic prefix, new each run, so what a spec hears on the shared broker is this
// run's. The Playwright runner loads this file first and puts it in the environment, so its workers
// and the server it starts read the same one.
process.env.E2E_MQTT_TOPIC_PREFIX ??= `qrdoor-e2e-${e2ePort}-${Date.now().toString(36)}`
export const e2eMqttTopicPrefix = process.env.E2E_MQTT_TOPIC_PREFIX
/** The e2e server accepts this as ADMIN_API_KEY, so specs can set things up through the API. */
export const e2eAdminApiKey = 'e2e-admin-api-key-0123456789abcdef'
/** Signs in as an admin whatever ran before (ADMIN_EMAIL of the e2e server). */
export const e2eAdminEmail = 'admin@e2e.test'
/** Short, so a spec can watch a door grant expire. */
export const e2eDoorGrantSeconds = 4

/** Flags this machine's headless Chromium needs (no sandbox as root, no network chatter). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
