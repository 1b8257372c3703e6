// `npm run migrate`: applies pending migrations to DATABASE_URL without starting the server
// (the server does the same at start-up). Needs Node's `react-server` condition, which `npm run migrate`
// sets: lib/db imports `server-only`, whose default export throws.
import { dbTarget } from '@/lib/db'
import { migrate } from '@/lib/db/migrate'

const result = await migrate(dbTarget)
console.log(JSON.stringify(result))
process.exit(0)
