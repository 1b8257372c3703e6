import type { Db } from '@/lib/db/client'

export interface HealthReport {
  healthy: boolean
  database: 'sqlite' | 'postgres'
  databaseStatus: 'OK' | 'ERROR'
}

/** Asks the database for real; any failure reports it as down. */
export async function checkHealth(options: { db: Db; dialect: 'sqlite' | 'postgres' }): Promise<HealthReport> {
  try {
    await options.db.$queryRaw`SELECT 1`
    return { healthy: true, database: options.dialect, databaseStatus: 'OK' }
  } catch (error) {
    console.error('[qr-door] health check: database unreachable:', (error as Error).message)
    return { healthy: false, database: options.dialect, databaseStatus: 'ERROR' }
  }
}
