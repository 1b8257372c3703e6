// GET /health — seed 004's SERVICE_HEALTH envelope, reporting the database instead of Redis.
import { db, dbTarget } from '@/lib/db'
import { checkHealth } from '@/lib/health/check-health'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

// No rate limit: monitors and load balancers poll it, and it reads nothing a caller could abuse.
export const GET = route({ style: 'envelope' }, async () => {
  const report = await checkHealth({ db, dialect: dbTarget.dialect })
  const status = report.healthy ? 200 : 503
  return json({ status, message: 'SERVICE_HEALTH', info: { database_status: report.databaseStatus, database: report.database } }, status)
})
