// Start-up of one server instance: validate the env (a bad value stops the process with the
// variable's name), make sure APP_SECRET exists, apply pending migrations, schedule housekeeping.
export async function startServer() {
  try {
    // Imported here, not at the top, so that an invalid env is reported below instead of crashing
    // the module graph with a stack trace.
    const { db, dbTarget } = await import('@/lib/db')
    const { migrate } = await import('@/lib/db/migrate')
    const { getAppSecret } = await import('@/lib/secrets')
    const { scheduleHousekeeping } = await import('@/lib/maintenance/housekeeping')
    getAppSecret()
    const result = await migrate(dbTarget)
    const where = dbTarget.dialect === 'sqlite' ? dbTarget.file : `PostgreSQL schema "${dbTarget.schema}"`
    console.log(
      `[qr-door] database ready (${where}): ${result.applied.length} migration(s) applied, ` +
        `${result.alreadyApplied.length} already applied`,
    )
    scheduleHousekeeping({ db, intervalMs: 10 * 60_000 })
  } catch (error) {
    console.error('[qr-door] start-up failed:\n' + (error instanceof Error ? error.message : String(error)))
    process.exit(1)
  }
}
