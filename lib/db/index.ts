// The app's one database per process, chosen from DATABASE_URL: Prisma plus the hot path's
// statements (`db.sql`). Cached on globalThis, so that Next's dev-mode module reloading and the
// production dispatcher's bundle (scripts/server.mjs), which load this module separately from
// Next's own bundles, all share one client and one pool.
import 'server-only'
import { env } from '@/lib/env'
import { createDb, type Db } from './client'
import type { DatabaseTarget } from './url'

const cache = globalThis as unknown as { qrDoorDb?: { db: Db; target: DatabaseTarget } }

const instance = (cache.qrDoorDb ??= createDb(env.DATABASE_URL, {
  poolSize: env.DATABASE_POOL_SIZE,
  statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
  poolWaitMs: env.DATABASE_POOL_WAIT_MS,
}))

export const db: Db = instance.db
export const dbTarget: DatabaseTarget = instance.target
export type { Db }
