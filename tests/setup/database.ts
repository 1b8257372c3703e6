// Vitest setup for API tests: points DATABASE_URL at a fresh database for this test file and
// migrates it before the file's modules load `@/lib/db`.
import { afterAll } from 'vitest'
import { createTestDatabase } from './test-database'

const dialect = process.env.TEST_DB_DIALECT === 'postgres' ? 'postgres' : 'sqlite'
const database = await createTestDatabase(dialect)

process.env.DATABASE_URL = database.url
process.env.DATA_DIR = database.dataDir
process.env.APP_SECRET ??= 'test-secret-test-secret-test-secret-0123456789'
// Demo mode unless a test configures a provider itself.
process.env.OTP_DEMO_MODE ??= 'true'
delete (globalThis as { qrDoorDb?: unknown }).qrDoorDb

const { dbTarget, db } = await import('@/lib/db')
const { closeDb } = await import('@/lib/db/client')
const { migrate } = await import('@/lib/db/migrate')
await migrate(dbTarget)

afterAll(async () => {
  await closeDb(db)
  delete (globalThis as { qrDoorDb?: unknown }).qrDoorDb
  await database.drop()
})
