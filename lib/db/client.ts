// Builds the database for DATABASE_URL: the Prisma client (better-sqlite3 for `file:` URLs,
// node-postgres otherwise) with the hot path's prepared statements beside it as `db.sql`
// (lib/db/statements, decision 0010). Both generated clients come from the same models
// (prisma/schema.prisma), so the SQLite client's type describes either.
import 'server-only'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient as PostgresClient } from './generated/postgres/client'
import { PrismaClient as SqliteClient } from './generated/sqlite/client'
import { createPostgresStatements } from './statements/postgres'
import { refusingNul } from './statements/refuse-nul'
import { createSqliteStatements } from './statements/sqlite'
import type { HotStatements } from './statements/types'
import { createPipelinedConnections } from './pipelined-connections'
import { parseDatabaseUrl, type DatabaseTarget } from './url'
import { createWriteTurns, type WriteTurns } from './write-turns'

export type Db = SqliteClient & {
  /** The hot path's prepared statements on the same database. */
  readonly sql: HotStatements
}

/** Milliseconds SQLite waits for another writer before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000
/** PostgreSQL connections per app instance (DATABASE_POOL_SIZE). */
export const DEFAULT_POOL_SIZE = 4
/** Milliseconds a PostgreSQL statement of the app may run (DATABASE_STATEMENT_TIMEOUT_MS). */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000
/** Milliseconds a query waits for a connection of a full pool (DATABASE_POOL_WAIT_MS). */
export const DEFAULT_POOL_WAIT_MS = 5_000

export function createDb(
  databaseUrl: string,
  options: { poolSize?: number; statementTimeoutMs?: number; poolWaitMs?: number } = {},
): { db: Db; target: DatabaseTarget } {
  const target = parseDatabaseUrl(databaseUrl)
  if (target.dialect === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true })
    const turns = createWriteTurns()
    const adapter = takingTurns(new PrismaBetterSqlite3({ url: target.file, timeout: SQLITE_BUSY_TIMEOUT_MS }), turns)
    const sql = refusingNul(createSqliteStatements(target.file, SQLITE_BUSY_TIMEOUT_MS, turns))
    return { db: withStatements(new SqliteClient({ adapter }), sql), target }
  }
  // Prisma's pool, and the hot path's statements on pipelined connections of their own
  // (lib/db/pipelined-connections.ts: one socket write for all the statements of a turn of the event
  // loop), with a smaller set for request counters that does not wait for the WAL flush
  // (lib/db/statements/postgres.ts says why). Few connections: on a 2-core machine 4 + 2 served
  // ~12 % more scans than node-postgres's default of 10 + 4, as fewer backends compete with the
  // app for the cores, and 8 + 4 pipelined ones no more than 4 + 2 (decision 0010).
  // The limits keep one locked table from hanging every request: a statement waiting on it is
  // cancelled after the statement time-out; a request finding Prisma's pool full of such statements
  // fails after the pool wait instead of queueing for ever, and a statement queued behind such
  // statements on a pipelined connection after both (query_timeout: the connection is then closed,
  // failing what it carried, and the next statement opens a new one). Migrations
  // (lib/db/migrate.ts) use a connection of their own, without the time-out: they may take longer.
  const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS
  const connectionTimeoutMillis = options.poolWaitMs ?? DEFAULT_POOL_WAIT_MS
  const connection = `-c search_path="${target.schema}" -c statement_timeout=${statementTimeoutMs}`
  const pool = new pg.Pool({ connectionString: target.connectionString, options: connection, max: poolSize, connectionTimeoutMillis })
  const pipelined = (options: string, size: number) =>
    createPipelinedConnections({
      config: {
        connectionString: target.connectionString,
        options,
        connectionTimeoutMillis,
        query_timeout: statementTimeoutMs + connectionTimeoutMillis,
      },
      size,
    })
  const statementConnections = pipelined(connection, poolSize)
  const counterConnections = pipelined(`${connection} -c synchronous_commit=off`, Math.max(1, Math.ceil(poolSize / 2)))
  const adapter = new PrismaPg(pool, { schema: target.schema })
  const sql = refusingNul({
    ...createPostgresStatements(statementConnections, counterConnections),
    close: async () => {
      await Promise.all([pool.end(), statementConnections.end(), counterConnections.end()])
    },
  })
  return { db: withStatements(new PostgresClient({ adapter }) as unknown as SqliteClient, sql), target }
}

type SqliteAdapterFactory = PrismaBetterSqlite3
type SqliteAdapter = Awaited<ReturnType<SqliteAdapterFactory['connect']>>

/** Prisma's SQLite adapter, whose transactions each wait for their turn at the write lock (lib/db/write-turns.ts). */
function takingTurns(factory: SqliteAdapterFactory, turns: WriteTurns): SqliteAdapterFactory {
  const connect = async (): Promise<SqliteAdapter> => {
    const adapter = await factory.connect()
    // The statements' worker thread checkpoints the WAL (lib/db/wal-checkpointer.ts), not this connection.
    await adapter.executeScript('PRAGMA wal_autocheckpoint = 0')
    const startTransaction = adapter.startTransaction.bind(adapter)
    adapter.startTransaction = async (isolationLevel) => {
      const end = await turns.take()
      try {
        const transaction = await startTransaction(isolationLevel)
        // Prisma has run COMMIT or ROLLBACK by the time it calls these.
        const commit = transaction.commit.bind(transaction)
        const rollback = transaction.rollback.bind(transaction)
        transaction.commit = () => commit().finally(end)
        transaction.rollback = () => rollback().finally(end)
        return transaction
      } catch (error) {
        end()
        throw error
      }
    }
    return adapter
  }
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect,
    connectToShadowDb: () => factory.connectToShadowDb(),
  } as SqliteAdapterFactory
}

function withStatements(prisma: SqliteClient, sql: HotStatements): Db {
  Object.defineProperty(prisma, 'sql', { value: sql, enumerable: false, configurable: true })
  return prisma as Db
}

/** Closes the Prisma client and the statements' connections. */
export async function closeDb(db: Db): Promise<void> {
  await db.$disconnect()
  await db.sql.close()
}
