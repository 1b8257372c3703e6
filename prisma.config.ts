// Configuration for Prisma's CLI (`npx prisma migrate status`, `studio`, …), which picks the schema
// and migrations of the provider that DATABASE_URL names. The app itself does not use this file:
// it applies migrations at start-up (lib/db/migrate.ts) and builds its client in lib/db.
import { defineConfig } from 'prisma/config'

const url = process.env.DATABASE_URL ?? 'file:./data/qr-door.db'
const postgres = /^postgres(ql)?:\/\//.test(url)

export default defineConfig({
  schema: postgres ? 'prisma/postgres/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: postgres ? 'prisma/postgres/migrations' : 'prisma/migrations' },
  datasource: { url },
})
