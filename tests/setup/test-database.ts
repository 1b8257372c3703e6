// Fresh, migrated databases for tests: a temporary SQLite file, or a new schema in the PostgreSQL
// database named by TEST_POSTGRES_URL. Dropped again when the test file ends.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export interface TestDatabase {
  url: string
  dataDir: string
  drop(): Promise<void>
}

/** `postgresBase` names the PostgreSQL database to make the schema in (the bench passes its own). */
export async function createTestDatabase(
  dialect: 'sqlite' | 'postgres',
  postgresBase = process.env.TEST_POSTGRES_URL,
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qr-door-test-'))
  if (dialect === 'sqlite') {
    return {
      url: `file:${join(dataDir, 'test.db')}`,
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  const base = postgresBase
  if (!base) throw new Error('TEST_POSTGRES_URL is not set')
  const schema = `test_${randomBytes(6).toString('hex')}`
  const url = new URL(base)
  url.searchParams.set('schema', schema)
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      const client = new pg.Client({ connectionString: base })
      await client.connect()
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      } finally {
        await client.end()
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
