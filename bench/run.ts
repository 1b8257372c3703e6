// `npm run bench [-- name-filter …]`: requests per second and latency of the hot endpoints under
// concurrent load, beside a bare node:http server measured in the same run. Only 127.0.0.1.
//   BENCH_DURATION     seconds per endpoint (10)
//   BENCH_CONNECTIONS  concurrent connections (20)
//   BENCH_POOL         one-use codes prepared per verify endpoint (6000)
//   BENCH_EVENTS       access events seeded for the admin console rows (100000)
//   BENCH_SEQUENTIAL   requests per admin console row, one at a time (200)
import { availableParallelism, loadavg } from 'node:os'
import { buildIfStale } from '../scripts/build-if-stale.mjs'
import { accessLogCases, ACCESS_LOG_EVENTS, formatTimedTable, measureAccessLog } from './access-log'
import { benchCases, type BenchContext } from './cases'
import { ApiClient, formatTable, measure, startApp, startBareServer, type LoadSpec, type Row, type Server } from './harness'

const durationSeconds = Number(process.env.BENCH_DURATION ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20)
const poolSize = Number(process.env.BENCH_POOL ?? 6000)
const sequentialRequests = Number(process.env.BENCH_SEQUENTIAL ?? 200)
const filters = process.argv.slice(2)
/** Set-up, runs and shut-down together; past this the run is abandoned rather than left hanging. */
const GIVE_UP_AFTER_MS = 15 * 60_000

const servers: Server[] = []
async function stopServers() {
  await Promise.allSettled(servers.splice(0).map((server) => server.stop()))
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stopServers().then(() => process.exit(130)))
}
setTimeout(() => {
  console.error(`bench: gave up after ${GIVE_UP_AFTER_MS / 60_000} min`)
  void stopServers().then(() => process.exit(1))
}, GIVE_UP_AFTER_MS).unref()

/** A few requests first, so the route's code is loaded and its statements prepared. */
async function warmUp(baseUrl: string, spec: LoadSpec, count = 20) {
  for (let i = 0; i < count; i++) {
    const request = spec.next()
    if (!request) return
    await (await fetch(baseUrl + request.path, { method: request.method, headers: { ...request.headers, ...(request.body ? { 'content-type': 'application/json' } : {}) }, body: request.body })).arrayBuffer()
  }
}

async function main() {
  const matches = (name: string) => filters.length === 0 || filters.some((f) => name.includes(f))
  const cases = benchCases.filter((c) => matches(c.name))
  const logCases = accessLogCases.filter((c) => matches(c.name))
  if (cases.length === 0 && logCases.length === 0) throw new Error(`no case matches ${filters.join(', ')}`)
  buildIfStale()

  const bareServer = await startBareServer()
  servers.push(bareServer)
  const app = await startApp()
  servers.push(app)
  const context: BenchContext = { app, api: new ApiClient(app.baseUrl, app.adminApiKey), connections, durationSeconds, poolSize }

  console.log(`bench: ${connections} connections, ${durationSeconds} s per endpoint, 127.0.0.1`)
  const bareSpec: LoadSpec = { next: () => ({ method: 'GET', path: '/' }) }
  await warmUp(bareServer.baseUrl, bareSpec)
  const bare = await measure({ baseUrl: bareServer.baseUrl, spec: bareSpec, connections, durationSeconds })
  console.log(`  bare node:http: ${bare.requestsPerSecond.toFixed(0)} req/s`)

  // Before the load cases, so that the log holds exactly the seeded events (the /validate case
  // adds its own afterwards).
  const logRows = await measureAccessLog({ app, api: context.api, cases: logCases, requests: sequentialRequests, log: console.log })

  const rows: Row[] = []
  for (const benchCase of cases) {
    const started = Date.now()
    const spec = await benchCase.prepare(context)
    await warmUp(app.baseUrl, spec)
    console.log(`  ${benchCase.name}: set up in ${((Date.now() - started) / 1000).toFixed(1)} s, measuring…`)
    const measurement = await measure({ baseUrl: app.baseUrl, spec, connections, durationSeconds })
    rows.push({ name: benchCase.name, measurement })
  }
  await stopServers()

  console.log('')
  console.log(formatTable(rows, bare))
  console.log('')
  for (const benchCase of cases) console.log(`- ${benchCase.name}: ${benchCase.measures}`)
  console.log('- bare node:http: a fresh process answering {"validation":true} to every request')
  if (logRows.length > 0) {
    console.log('')
    console.log(formatTimedTable(logRows))
    console.log('')
    for (const logCase of logCases) console.log(`- ${logCase.name}: ${logCase.measures}`)
    console.log(
      `- ${ACCESS_LOG_EVENTS.toLocaleString('en')} access events in the log, ${sequentialRequests} requests per row one after another, signed in as an admin (session cookie)`,
    )
  }
  if (rows.some((row) => row.measurement.exhausted)) {
    console.log(`* ran out of prepared codes before ${durationSeconds} s (raise BENCH_POOL for a full-length run)`)
  }
  const [load1] = loadavg()
  console.log(
    `node ${process.version}, ${availableParallelism()} CPUs, load average ${load1!.toFixed(2)} at the end; latency in ms; SQLite, demo mode, production build`,
  )
}

main().catch(async (error: unknown) => {
  console.error('bench failed:', error instanceof Error ? error.message : error)
  await stopServers()
  process.exit(1)
})
