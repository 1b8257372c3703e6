import { defineConfig } from '@playwright/test'
import { chromiumArgs, chromiumPath, e2eAdminApiKey, e2eAdminEmail, e2eBaseUrl, e2eDoorGrantSeconds, e2ePort } from './e2e/config'

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
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${e2eBaseUrl}/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      E2E_PORT: String(e2ePort),
      ADMIN_API_KEY: e2eAdminApiKey,
      ADMIN_EMAIL: e2eAdminEmail,
      DOOR_GRANT_SECONDS: String(e2eDoorGrantSeconds),
    },
  },
})
