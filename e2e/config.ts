// Settings shared by playwright.config.ts, the e2e server and the specs.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const e2ePort = Number(process.env.E2E_PORT ?? 3100)
export const e2eBaseUrl = `http://127.0.0.1:${e2ePort}`
/** A second server on its own database that sends every request through Next (E2E_DISPATCH=off), for the parity spec. */
export const e2eNextOnlyPort = e2ePort + 1
export const e2eNextOnlyBaseUrl = `http://127.0.0.1:${e2eNextOnlyPort}`
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
