// GET /health — seed 004's SERVICE_HEALTH envelope, reporting the database instead of Redis.
import { db, dbTarget } from '@/lib/db'
import { checkHealth } from '@/lib/health/check-health'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const dynamic = 'force-dynamic'

export const GET = apiHandler('envelope', async () => {
  const report = await checkHealth({ db, dialect: dbTarget.dialect })
  const status = report.healthy ? 200 : 503
  return json(
    {
      status,
      message: 'SERVICE_HEALTH',
      info: { database_status: report.databaseStatus, database: report.database },
    },
    status,
  )
})
