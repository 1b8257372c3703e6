// GET /health — seed 004's SERVICE_HEALTH envelope, reporting the database instead of Redis: 503
// within a couple of seconds when the store cannot be read or written or lacks a migration.
import { db, dbTarget } from '@/lib/db'
import { migrationNames, migrationsDir } from '@/lib/db/migrate'
import { checkHealth } from '@/lib/health/check-health'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

// No rate limit: monitors and load balancers poll it, and it reads nothing a caller could abuse.
export const GET = route({ style: 'envelope' }, async () => {
  const migrations = migrationNames(migrationsDir(dbTarget.dialect))
  const report = await checkHealth({ db, target: dbTarget, migrations })
  const status = report.healthy ? 200 : 503
  return json({ status, message: 'SERVICE_HEALTH', info: { database_status: report.databaseStatus, database: report.database } }, status)
})
