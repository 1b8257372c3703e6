// `npm start`: build when needed, then serve on PORT (default 3000). The app applies its
// migrations itself when it starts (instrumentation.ts).
import { buildIfStale } from './build-if-stale.mjs'

buildIfStale()
process.env.NEXT_TELEMETRY_DISABLED = '1'
process.env.NODE_ENV = 'production'
const { startServer } = await import('./server.mjs')
// Listens where HOSTNAME says; without it, in demo mode on the loopback address only (server.mjs).
await startServer({ port: Number(process.env.PORT ?? 3000) })
// A stop signal ends the process through exit(), so that exit hooks (and `--cpu-prof`) run.
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0))
