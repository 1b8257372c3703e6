// Start-up of one server instance: validate the env (a bad value stops the process with the
// variable's name), make sure APP_SECRET exists, apply pending migrations, schedule housekeeping
// and the outboxes (sign-in messages; door events), and say loudly when demo mode lets anyone sign in as anyone.
export async function startServer() {
  try {
    // Imported here, not at the top, so that an invalid env is reported below instead of crashing
    // the module graph with a stack trace.
    const { db, dbTarget } = await import('@/lib/db')
    const { migrate } = await import('@/lib/db/migrate')
    const { getAppSecret } = await import('@/lib/secrets')
    const { scheduleHousekeeping } = await import('@/lib/maintenance/housekeeping')
    const { scheduleOutbox } = await import('@/lib/delivery/outbox')
    const { isDemoMode } = await import('@/lib/delivery/settings')
    const { startDoorEvents } = await import('@/lib/events/runtime')
    const { env } = await import('@/lib/env')
    getAppSecret()
    const result = await migrate(dbTarget)
    const where = dbTarget.dialect === 'sqlite' ? dbTarget.file : `PostgreSQL schema "${dbTarget.schema}"`
    console.log(
      `[qr-door] database ready (${where}): ${result.applied.length} migration(s) applied, ` +
        `${result.alreadyApplied.length} already applied`,
    )
    scheduleHousekeeping({ db, intervalMs: 10 * 60_000 })
    // Retries, and messages whose instance stopped before sending them (lib/delivery/outbox.ts).
    scheduleOutbox({ db, intervalMs: 5_000 })
    // MQTT to the door relays, webhooks, kiosk presence (lib/events, decision 0013).
    startDoorEvents({
      db,
      mqtt: env.MQTT_URL
        ? { url: env.MQTT_URL, username: env.MQTT_USERNAME, password: env.MQTT_PASSWORD, topicPrefix: env.MQTT_TOPIC_PREFIX }
        : null,
    })
    if (isDemoMode()) {
      console.warn(
        '[qr-door] DEMO MODE: sign-in codes are shown on screen, so anyone who can reach this server can sign in as anyone. ' +
          'Configure an e-mail or SMS provider for real use.',
      )
    }
  } catch (error) {
    console.error('[qr-door] start-up failed:\n' + (error instanceof Error ? error.message : String(error)))
    process.exit(1)
  }
}
