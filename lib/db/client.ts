// Builds the Prisma client for DATABASE_URL: better-sqlite3 for `file:` URLs, node-postgres otherwise.
// Both generated clients come from the same models (prisma/schema.prisma), so the SQLite client's
// type describes either.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient as PostgresClient } from './generated/postgres/client'
import { PrismaClient as SqliteClient } from './generated/sqlite/client'
import { parseDatabaseUrl, type DatabaseTarget } from './url'

export type Db = SqliteClient

/** Milliseconds SQLite waits for another writer before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000

export function createDb(databaseUrl: string): { db: Db; target: DatabaseTarget } {
  const target = parseDatabaseUrl(databaseUrl)
  if (target.dialect === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true })
    const adapter = new PrismaBetterSqlite3({ url: target.file, timeout: SQLITE_BUSY_TIMEOUT_MS })
    return { db: new SqliteClient({ adapter }), target }
  }
  const adapter = new PrismaPg(
    { connectionString: target.connectionString, options: `-c search_path="${target.schema}"` },
    { schema: target.schema },
  )
  return { db: new PostgresClient({ adapter }) as unknown as Db, target }
}
