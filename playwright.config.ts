import { defineConfig } from '@playwright/test'
import {
  chromiumArgs,
  chromiumPath,
  e2eAdminApiKey,
  e2eAdminEmail,
  e2eBaseUrl,
  e2eDoorGrantSeconds,
  e2eMqttTopicPrefix,
  e2eMqttUrl,
  e2ePort,
} from './e2e/config'

const serverEnv = {
  // Every spec calls from 127.0.0.1, so per-address limits would make one spec's requests another's
  // 429s. The limits have API tests of their own.
  RATE_LIMIT_IP_PER_MINUTE: '100000',
  RATE_LIMIT_POLL_PER_MINUTE: '100000',
  ADMIN_API_KEY: e2eAdminApiKey,
  ADMIN_EMAIL: e2eAdminEmail,
  DOOR_GRANT_SECONDS: String(e2eDoorGrantSeconds),
  // Door events go to the broker for real (e2e/door-control.spec.ts listens as a relay would).
  MQTT_URL: e2eMqttUrl,
  MQTT_TOPIC_PREFIX: e2eMqttTopicPrefix,
}

// The e2e suite drives the production build in Debian's Chromium (Playwright's own browser
// download is not available here). scripts/e2e-server.mjs builds when needed and serves the app
// on a fresh database in demo mode.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: e2eBaseUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  // The suite runs against the production server's dispatcher (specs that need a server of their
  // own, such as the parity spec's Next-only one, start it with e2e/support/own-server.ts).
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${e2eBaseUrl}/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { ...serverEnv, E2E_PORT: String(e2ePort) },
  },
})
