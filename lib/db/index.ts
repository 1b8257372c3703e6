// The app's one database client, chosen from DATABASE_URL. Cached on globalThis so that Next's
// dev-mode module reloading does not open a new connection pool on every edit.
import { env } from '@/lib/env'
import { createDb, type Db } from './client'
import type { DatabaseTarget } from './url'

const cache = globalThis as unknown as { qrDoorDb?: { db: Db; target: DatabaseTarget } }

const instance = (cache.qrDoorDb ??= createDb(env.DATABASE_URL))

export const db: Db = instance.db
export const dbTarget: DatabaseTarget = instance.target
export type { Db }
