// `npm run migrate`: applies pending migrations to DATABASE_URL without starting the server
// (the server does the same at start-up).
import { dbTarget } from '@/lib/db'
import { migrate } from '@/lib/db/migrate'

const result = await migrate(dbTarget)
console.log(JSON.stringify(result))
process.exit(0)
