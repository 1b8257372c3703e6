import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { dbTarget } from '@/lib/db'
import { migrate, migrationsDir, readMigrations } from '@/lib/db/migrate'
import { parseDatabaseUrl } from '@/lib/db/url'
import { toPostgresSchema } from '@/scripts/prisma-generate.mjs'
import { createTestDatabase } from '@/tests/setup/test-database'

const run = promisify(execFile)
const root = process.cwd()

/** Scalar fields of every model in prisma/schema.prisma: what the migrations must create. */
function modelColumns(): Map<string, string[]> {
  const schema = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8')
  const models = new Map<string, string[]>()
  for (const [, name, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const columns = [...body!.matchAll(/^\s+(\w+)\s+(String|Int|Boolean|DateTime|BigInt|Float|Decimal|Json|Bytes)\??\s/gm)].map(
      (match) => match[1]!,
    )
    models.set(name!, columns.sort())
  }
  return models
}

async function tableColumns(url: string): Promise<Map<string, string[]>> {
  const target = parseDatabaseUrl(url)
  const tables = new Map<string, string[]>()
  if (target.dialect === 'sqlite') {
    const sqlite = new Database(target.file, { readonly: true })
    try {
      const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
      for (const { name } of names) {
        const info = sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]
        tables.set(name, info.map((column) => column.name).sort())
      }
    } finally {
      sqlite.close()
    }
    return tables
  }
  const client = new pg.Client({ connectionString: target.connectionString })
  await client.connect()
  try {
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1',
      [target.schema],
    )
    for (const row of rows) tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name].sort())
    return tables
  } finally {
    await client.end()
  }
}

async function appliedMigrations(url: string): Promise<{ migration_name: string; checksum: string }[]> {
  const target = parseDatabaseUrl(url)
  const query = 'SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name'
  if (target.dialect === 'sqlite') {
    const sqlite = new Database(target.file, { readonly: true })
    try {
      return sqlite.prepare(query).all() as { migration_name: string; checksum: string }[]
    } finally {
      sqlite.close()
    }
  }
  const client = new pg.Client({ connectionString: target.connectionString })
  await client.connect()
  try {
    await client.query(`SET search_path TO "${target.schema}"`)
    return (await client.query(query)).rows
  } finally {
    await client.end()
  }
}

describe('migrations', () => {
  const migrations = readMigrations(migrationsDir(dbTarget.dialect))

  it('create a table with a column for every field of every model', async () => {
    const tables = await tableColumns(process.env.DATABASE_URL!)
    for (const [model, columns] of modelColumns()) {
      expect(tables.get(model), `table ${model}`).toEqual(columns)
    }
  })

  it('are recorded as Prisma records them, with the file checksum', async () => {
    expect(await appliedMigrations(process.env.DATABASE_URL!)).toEqual(
      migrations.map((migration) => ({ migration_name: migration.name, checksum: migration.checksum })),
    )
  })

  it('are idempotent', async () => {
    expect(await migrate(dbTarget)).toEqual({ applied: [], alreadyApplied: migrations.map((m) => m.name) })
  })

  it('refuse to run when an applied migration was edited', async () => {
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'x'.repeat(64) } : m))
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs')
    const dir = mkdtempSync(join((await import('node:os')).tmpdir(), 'qr-door-migrations-'))
    for (const migration of edited) {
      mkdirSync(join(dir, migration.name))
      writeFileSync(join(dir, migration.name, 'migration.sql'), migration.sql + '\n-- edited\n')
    }
    await expect(migrate(dbTarget, dir)).rejects.toThrow(/changed after it was applied/)
  })

  it('apply each migration once when two instances start at once', { timeout: 60_000 }, async () => {
    const fresh = await createTestDatabase(dbTarget.dialect)
    try {
      const start = () =>
        run(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/migrate.mts'], {
          cwd: root,
          env: { ...process.env, DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir },
        })
      const results = (await Promise.all([start(), start()])).map(
        (output) => JSON.parse(output.stdout.trim().split('\n').pop()!) as { applied: string[] },
      )
      const appliedCount = results.flatMap((result) => result.applied).length
      expect(appliedCount).toBe(migrations.length)
      expect(await appliedMigrations(fresh.url)).toHaveLength(migrations.length)
    } finally {
      await fresh.drop()
    }
  })
})

describe('the PostgreSQL schema', () => {
  it('is generated from the SQLite schema and has not drifted', () => {
    const sqlite = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8')
    const postgres = readFileSync(join(root, 'prisma/postgres/schema.prisma'), 'utf8')
    expect(postgres).toBe(toPostgresSchema(sqlite))
  })

  it('has a migration of the same name for every SQLite migration', () => {
    expect(readMigrations(migrationsDir('postgres')).map((m) => m.name)).toEqual(readMigrations(migrationsDir('sqlite')).map((m) => m.name))
  })
})
