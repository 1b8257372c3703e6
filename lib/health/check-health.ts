// Whether this instance can serve: the store answers a read of an application table, every
// migration this code ships is applied and, on SQLite, the write lock can be had (every request
// writes its rate-limit count). All within a short time-out, so that a monitor hears of a stuck
// store in seconds, not when the store frees up.
import Database from 'better-sqlite3'
import type { Db } from '@/lib/db/client'
import type { DatabaseTarget } from '@/lib/db/url'

/** How long the check may take before the store counts as down. */
export const HEALTH_TIMEOUT_MS = 2_000

export interface HealthReport {
  healthy: boolean
  database: DatabaseTarget['dialect']
  databaseStatus: 'OK' | 'ERROR'
}

const APPLIED_MIGRATIONS = 'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL'
const READ_APPLICATION_TABLE = 'SELECT 1 FROM "User" LIMIT 1'

export async function checkHealth(options: {
  db: Db
  target: DatabaseTarget
  /** The migrations this code ships: each must be applied. Others may be too (a newer instance's). */
  migrations: readonly string[]
  timeoutMs?: number
}): Promise<HealthReport> {
  const { db, target, migrations, timeoutMs = HEALTH_TIMEOUT_MS } = options
  const report = (healthy: boolean): HealthReport => ({
    healthy,
    database: target.dialect,
    databaseStatus: healthy ? 'OK' : 'ERROR',
  })
  try {
    const probe = target.dialect === 'sqlite' ? probeSqlite(target.file, timeoutMs) : probePostgres(db)
    const applied = await withinTime(probe, timeoutMs)
    const missing = migrations.filter((name) => !applied.has(name))
    if (missing.length > 0) {
      console.error(`[qr-door] health check: migration(s) not applied: ${missing.join(', ')}`)
      return report(false)
    }
    return report(true)
  } catch (error) {
    console.error('[qr-door] health check: database not usable:', (error as Error).message)
    return report(false)
  }
}

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  // What the probe does after the time-out is nobody's business, its failure included.
  work.catch(() => {})
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/**
 * A connection of its own for each check, so that a damaged or replaced file is found (the app's
 * open connections may go on reading cached pages), without a busy time-out, so that a locked
 * database never blocks the event loop (better-sqlite3 waits synchronously): it is asked again
 * until the deadline instead.
 */
async function probeSqlite(file: string, timeoutMs: number): Promise<Set<string>> {
  const deadline = Date.now() + timeoutMs
  const sqlite = new Database(file, { fileMustExist: true, timeout: 0 })
  try {
    return await retryWhileBusy(deadline, () => {
      const applied = sqlite.prepare(APPLIED_MIGRATIONS).all() as { migration_name: string }[]
      sqlite.prepare(READ_APPLICATION_TABLE).get()
      // In WAL mode readers pass another process's BEGIN EXCLUSIVE; writers, every request, do not.
      sqlite.exec('BEGIN IMMEDIATE')
      sqlite.exec('ROLLBACK')
      return new Set(applied.map((row) => row.migration_name))
    })
  } finally {
    sqlite.close()
  }
}

async function retryWhileBusy<T>(deadline: number, step: () => T): Promise<T> {
  for (;;) {
    try {
      return step()
    } catch (error) {
      const code = (error as { code?: string }).code ?? ''
      if (!code.startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
}

/**
 * Through the app's own pool: a pool that cannot lend a connection in time is as down as the store.
 * One statement, reading "User" (once, as an uncorrelated subquery) beside the applied migrations; a
 * statement still waiting when the check gives up is cancelled by the pool's statement time-out.
 */
async function probePostgres(db: Db): Promise<Set<string>> {
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT (${READ_APPLICATION_TABLE}) AS "user", migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  )
  return new Set(rows.map((row) => row.migration_name))
}
