// Serves the production build for the e2e suite: a fresh data folder and SQLite database each run,
// demo mode (codes appear in responses and on the pages). playwright.config.ts passes E2E_PORT,
// ADMIN_API_KEY and DOOR_GRANT_SECONDS from e2e/config.ts.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfStale } from './build-if-stale.mjs'

const root = join(fileURLToPath(import.meta.url), '../..')
const port = process.env.E2E_PORT ?? '3100'
const dataDir = join(root, '.tmp', `e2e-${port}`)
rmSync(dataDir, { recursive: true, force: true })
mkdirSync(dataDir, { recursive: true })

buildIfStale()

Object.assign(process.env, {
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  DATA_DIR: dataDir,
  DATABASE_URL: `file:${join(dataDir, 'e2e.db')}`,
  OTP_DEMO_MODE: 'true',
  APP_ORIGIN: `http://127.0.0.1:${port}`,
})
const { startServer } = await import('./server.mjs')
// E2E_DISPATCH=off: every request through Next, for the dispatcher parity spec's second server.
await startServer({ port: Number(port), hostname: '127.0.0.1', dispatch: process.env.E2E_DISPATCH !== 'off' })
