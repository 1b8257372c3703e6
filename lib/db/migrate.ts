// Applies the SQL migrations in prisma/migrations (SQLite) or prisma/postgres/migrations at start-up,
// recording them in `_prisma_migrations` exactly as `prisma migrate deploy` does, so Prisma's CLI
// agrees with what ran. Safe when several instances start at once: PostgreSQL serialises them with
// Prisma's own advisory lock, SQLite with BEGIN IMMEDIATE. See docs/decisions/0002.
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { SQLITE_BUSY_TIMEOUT_MS } from './client'
import type { DatabaseTarget } from './url'

export interface Migration {
  name: string
  sql: string
  checksum: string
}

/** The lock id `prisma migrate` takes, so our runner and Prisma's CLI exclude each other too. */
const PRISMA_ADVISORY_LOCK = 72707369

export function migrationsDir(dialect: DatabaseTarget['dialect'], root = process.cwd()): string {
  return dialect === 'sqlite' ? join(root, 'prisma/migrations') : join(root, 'prisma/postgres/migrations')
}

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

const namesByDir = new Map<string, string[]>()

/** The names of the migrations in `dir`, read once: what /health expects to find applied. */
export function migrationNames(dir: string): string[] {
  let names = namesByDir.get(dir)
  if (!names) {
    names = readMigrations(dir).map((migration) => migration.name)
    namesByDir.set(dir, names)
  }
  return names
}

export interface MigrateResult {
  applied: string[]
  alreadyApplied: string[]
}

export async function migrate(target: DatabaseTarget, dir = migrationsDir(target.dialect)) {
  const migrations = readMigrations(dir)
  return target.dialect === 'sqlite'
    ? migrateSqlite(target.file, migrations)
    : migratePostgres(target.connectionString, target.schema, migrations)
}

function pending(migrations: Migration[], done: { migration_name: string; checksum: string }[]) {
  const doneByName = new Map(done.map((row) => [row.migration_name, row.checksum]))
  for (const migration of migrations) {
    const checksum = doneByName.get(migration.name)
    if (checksum && checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was changed after it was applied (checksum differs). ` +
          'Add a new migration instead of editing an applied one.',
      )
    }
  }
  return {
    todo: migrations.filter((migration) => !doneByName.has(migration.name)),
    alreadyApplied: migrations.filter((m) => doneByName.has(m.name)).map((m) => m.name),
  }
}

/** Runs `step` again while SQLite answers SQLITE_BUSY, for up to the busy timeout. */
export function retryWhileBusy<T>(step: () => T, timeoutMs = SQLITE_BUSY_TIMEOUT_MS): T {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return step()
    } catch (error) {
      const code = (error as { code?: string }).code ?? ''
      if (!code.startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw error
      // A synchronous pause: better-sqlite3 is synchronous, and this runs once at start-up.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25)
    }
  }
}

function migrateSqlite(file: string, migrations: Migration[]): MigrateResult {
  mkdirSync(dirname(file), { recursive: true })
  const sqlite = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS })
  try {
    // Switching to WAL can answer SQLITE_BUSY at once, without waiting for the busy timeout, while
    // another instance is migrating the same new file (seen under load in CI): retry it.
    retryWhileBusy(() => sqlite.pragma('journal_mode = WAL'))
    sqlite.pragma('foreign_keys = ON')
    // BEGIN IMMEDIATE takes the write lock up front: a second instance waits here, then sees
    // the migrations as applied.
    retryWhileBusy(() => sqlite.exec('BEGIN IMMEDIATE'))
    try {
      sqlite.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" TEXT PRIMARY KEY NOT NULL,
        "checksum" TEXT NOT NULL,
        "finished_at" DATETIME,
        "migration_name" TEXT NOT NULL,
        "logs" TEXT,
        "rolled_back_at" DATETIME,
        "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
        "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
      )`)
      const done = sqlite
        .prepare('SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
        .all() as { migration_name: string; checksum: string }[]
      const { todo, alreadyApplied } = pending(migrations, done)
      const record = sqlite.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, 1)`,
      )
      for (const migration of todo) {
        const startedAt = Date.now()
        sqlite.exec(migration.sql)
        record.run(randomUUID(), migration.checksum, migration.name, startedAt, Date.now())
      }
      sqlite.exec('COMMIT')
      return { applied: todo.map((m) => m.name), alreadyApplied }
    } catch (error) {
      sqlite.exec('ROLLBACK')
      throw error
    }
  } finally {
    sqlite.close()
  }
}

async function migratePostgres(connectionString: string, schema: string, migrations: Migration[]): Promise<MigrateResult> {
  // No statement time-out, whatever the role's default: a migration may take longer than the app's
  // requests may (lib/db/client.ts), and so may the wait for another instance's migrations.
  const client = new pg.Client({ connectionString, options: '-c statement_timeout=0' })
  await client.connect()
  try {
    // Lock first: even CREATE SCHEMA IF NOT EXISTS fails when two sessions race on it.
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK])
    try {
      const quoted = `"${schema.replaceAll('"', '""')}"`
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`)
      await client.query(`SET search_path TO ${quoted}`)
      await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`)
      const { rows } = await client.query<{ migration_name: string; checksum: string }>(
        'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
      const { todo, alreadyApplied } = pending(migrations, rows)
      for (const migration of todo) {
        await client.query('BEGIN')
        try {
          const startedAt = new Date()
          await client.query(migration.sql)
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, $4, now(), 1)`,
            [randomUUID(), migration.checksum, migration.name, startedAt],
          )
          await client.query('COMMIT')
        } catch (error) {
          await client.query('ROLLBACK')
          throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error })
        }
      }
      return { applied: todo.map((m) => m.name), alreadyApplied }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK])
    }
  } finally {
    await client.end()
  }
}
