// GET /health asks the store for real (a read of an application table, every migration of this
// code applied, on SQLite the write lock) within a short time-out, and answers 503 fast when it
// cannot: each way of failing that a test can bring about, on the database under test.
import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET } from '@/app/health/route'
import { db, dbTarget } from '@/lib/db'
import { closeDb, createDb, type Db } from '@/lib/db/client'
import { migrate, migrationsDir, readMigrations } from '@/lib/db/migrate'
import { parseDatabaseUrl, type DatabaseTarget } from '@/lib/db/url'
import { checkHealth } from '@/lib/health/check-health'
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database'

const noParams = { params: Promise.resolve({}) }
const dialect = dbTarget.dialect
const migrations = readMigrations(migrationsDir(dialect)).map((migration) => migration.name)

const healthy = { status: 200, message: 'SERVICE_HEALTH', info: { database_status: 'OK', database: dialect } }
const unhealthy = { status: 503, message: 'SERVICE_HEALTH', info: { database_status: 'ERROR', database: dialect } }

/** GET /health, and how long it took. */
async function health() {
  const started = performance.now()
  const response = await GET(new Request('http://localhost/health'), noParams)
  const body: unknown = await response.json()
  return { status: response.status, body, ms: performance.now() - started }
}

describe('GET /health', () => {
  it('answers 200 SERVICE_HEALTH when the store reads and every migration is applied', async () => {
    const answer = await health()
    expect(answer).toMatchObject({ status: 200, body: healthy })
  })

  it('answers 503 while one of this code’s migrations is not applied', async () => {
    const last = migrations.at(-1)!
    await db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = started_at WHERE migration_name = ${last}`
    try {
      expect(await health()).toMatchObject({ status: 503, body: unhealthy })
    } finally {
      await db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = ${last}`
    }
    expect((await health()).status).toBe(200)
  })

  it('does not mind a migration it does not know: a newer instance may have applied it', async () => {
    const report = await checkHealth({ db, target: dbTarget, migrations: migrations.slice(0, -1) })
    expect(report.healthy).toBe(true)
  })

  it('reports a database that cannot be reached, at once', async () => {
    const unreachable = dialect === 'sqlite' ? createDb('file:' + tmpdir()) : createDb('postgresql://postgres@127.0.0.1:1/none')
    const started = performance.now()
    const report = await checkHealth({ db: unreachable.db, target: unreachable.target, migrations })
    expect(report).toMatchObject({ healthy: false, databaseStatus: 'ERROR' })
    expect(performance.now() - started).toBeLessThan(1_000)
    await closeDb(unreachable.db)
  })
})

describe.runIf(dialect === 'sqlite')('GET /health on SQLite', () => {
  const file = dbTarget.dialect === 'sqlite' ? dbTarget.file : ''

  it('answers 503 within 3 s while another process holds the database locked (BEGIN EXCLUSIVE)', async () => {
    const other = new Database(file)
    other.exec('BEGIN EXCLUSIVE')
    try {
      const answer = await health()
      console.log(`[health] SQLite held by BEGIN EXCLUSIVE: ${answer.status} in ${Math.round(answer.ms)} ms`)
      expect(answer).toMatchObject({ status: 503, body: unhealthy })
      expect(answer.ms).toBeLessThan(3_000)
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    expect((await health()).status).toBe(200)
  })

  describe('a damaged database file', () => {
    let database: TestDatabase
    let copy: { db: Db; target: DatabaseTarget }
    let path: string

    beforeAll(async () => {
      database = await createTestDatabase('sqlite')
      await migrate(parseDatabaseUrl(database.url))
      copy = createDb(database.url)
      path = join(database.dataDir, 'test.db')
    })
    afterAll(async () => {
      await closeDb(copy.db)
      await database.drop()
    })

    it('is reported when its pages are garbage, and when its header is', async () => {
      expect(await checkHealth({ db: copy.db, target: copy.target, migrations })).toMatchObject({ healthy: true })
      const pageSize = 4096
      const fd = openSync(path, 'r+')
      try {
        // Every page but the first (the schema), where the tables' rows live.
        writeSync(fd, randomBytes(statSync(path).size - pageSize), 0, undefined, pageSize)
      } finally {
        closeSync(fd)
      }
      expect(await checkHealth({ db: copy.db, target: copy.target, migrations })).toMatchObject({ healthy: false })
      writeFileSync(path, randomBytes(pageSize))
      expect(await checkHealth({ db: copy.db, target: copy.target, migrations })).toMatchObject({ healthy: false })
    })
  })
})

describe.runIf(dialect === 'postgres')('GET /health on PostgreSQL', () => {
  const target = dbTarget.dialect === 'postgres' ? dbTarget : undefined
  const connect = async () => {
    const client = new pg.Client({ connectionString: target!.connectionString })
    await client.connect()
    await client.query(`SET search_path TO "${target!.schema}"`)
    return client
  }

  it('answers 503 within 3 s while a table is locked for 40 s and requests waiting on it fill the pool', { timeout: 60_000 }, async () => {
    const locker = await connect()
    await locker.query('BEGIN')
    await locker.query('LOCK TABLE "User" IN ACCESS EXCLUSIVE MODE')
    let released = false
    const release = async () => {
      if (released) return
      released = true
      await locker.query('ROLLBACK')
      await locker.end()
    }
    const timer = setTimeout(() => void release(), 40_000)
    // Traffic that reads users (sessions name their user) takes every connection of the pool.
    const stuck = Array.from({ length: 8 }, () =>
      db.user.count().then(
        () => 'done',
        () => 'failed',
      ),
    )
    try {
      await new Promise((resolve) => setTimeout(resolve, 200))
      const answer = await health()
      console.log(`[health] PostgreSQL "User" locked, pool full: ${answer.status} in ${Math.round(answer.ms)} ms`)
      expect(answer).toMatchObject({ status: 503, body: unhealthy })
      expect(answer.ms).toBeLessThan(3_000)
    } finally {
      clearTimeout(timer)
      await release()
    }
    await Promise.all(stuck)
    expect((await health()).status).toBe(200)
  })

  it('answers 503 at once when the app’s role may no longer use the schema', async () => {
    const role = `qr_health_${randomBytes(4).toString('hex')}`
    const admin = await connect()
    const schema = `"${target!.schema}"`
    await admin.query(`CREATE ROLE ${role} LOGIN`)
    await admin.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`)
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`)
    const url = new URL(target!.connectionString)
    url.username = role
    url.searchParams.set('schema', target!.schema)
    const asRole = createDb(url.toString())
    try {
      expect(await checkHealth({ db: asRole.db, target: asRole.target, migrations })).toMatchObject({ healthy: true })
      await admin.query(`REVOKE USAGE ON SCHEMA ${schema} FROM ${role}`)
      const started = performance.now()
      expect(await checkHealth({ db: asRole.db, target: asRole.target, migrations })).toMatchObject({ healthy: false })
      expect(performance.now() - started).toBeLessThan(1_000)
    } finally {
      await closeDb(asRole.db)
      await admin.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${role}`)
      await admin.query(`REVOKE ALL ON SCHEMA ${schema} FROM ${role}`)
      await admin.query(`DROP ROLE ${role}`)
      await admin.end()
    }
  })
})

describe.runIf(dialect === 'postgres')('PostgreSQL time-outs', () => {
  const target = dbTarget.dialect === 'postgres' ? dbTarget : undefined
  const url = () => {
    const url = new URL(target!.connectionString)
    url.searchParams.set('schema', target!.schema)
    return url.toString()
  }

  async function withUserLocked<T>(run: () => Promise<T>): Promise<T> {
    const locker = new pg.Client({ connectionString: target!.connectionString })
    await locker.connect()
    await locker.query('BEGIN')
    await locker.query(`LOCK TABLE "${target!.schema}"."User" IN ACCESS EXCLUSIVE MODE`)
    try {
      return await run()
    } finally {
      await locker.query('ROLLBACK')
      await locker.end()
    }
  }

  it('cancels a statement that runs longer than the statement time-out', async () => {
    const short = createDb(url(), { statementTimeoutMs: 300 })
    try {
      await withUserLocked(async () => {
        const started = performance.now()
        await expect(short.db.user.count()).rejects.toThrow(/statement timeout/)
        expect(performance.now() - started).toBeLessThan(2_000)
      })
    } finally {
      await closeDb(short.db)
    }
  })

  it('gives up waiting for a connection of a full pool after the pool wait limit', async () => {
    const small = createDb(url(), { poolSize: 1, poolWaitMs: 300, statementTimeoutMs: 10_000 })
    try {
      let holding: Promise<unknown> = Promise.resolve()
      await withUserLocked(async () => {
        holding = small.db.user.count().then(() => 'released') // then() sends it: Prisma's queries are lazy
        await new Promise((resolve) => setTimeout(resolve, 100))
        const started = performance.now()
        await expect(small.db.$queryRaw`SELECT 1`).rejects.toThrow(/timeout/i)
        expect(performance.now() - started).toBeLessThan(2_000)
      })
      await holding
    } finally {
      await closeDb(small.db)
    }
  })

  it('does not hold migrations to a statement time-out: they may take longer', async () => {
    const role = `qr_migrate_${randomBytes(4).toString('hex')}`
    const schema = `test_migrate_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: target!.connectionString })
    await admin.connect()
    const dir = mkdtempSync(join(tmpdir(), 'qr-door-migrations-'))
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN`)
      await admin.query(`ALTER ROLE ${role} SET statement_timeout = '100ms'`)
      await admin.query(`GRANT CREATE ON DATABASE "${new URL(target!.connectionString).pathname.slice(1)}" TO ${role}`)
      mkdirSync(join(dir, '0001_slow'))
      writeFileSync(join(dir, '0001_slow', 'migration.sql'), 'SELECT pg_sleep(0.4); CREATE TABLE "Slow" ("id" TEXT PRIMARY KEY);')
      const asRole = new URL(target!.connectionString)
      asRole.username = role
      asRole.searchParams.set('schema', schema)
      await expect(migrate(parseDatabaseUrl(asRole.toString()), dir)).resolves.toMatchObject({ applied: ['0001_slow'] })
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await admin.query(`REVOKE ALL ON DATABASE "${new URL(target!.connectionString).pathname.slice(1)}" FROM ${role}`)
      await admin.query(`DROP ROLE IF EXISTS ${role}`)
      await admin.end()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
