// `npm run bench [-- name-filter …]`: requests per second and latency of the hot endpoints under
// concurrent load, beside a bare node:http server measured in the same run. Only 127.0.0.1.
//   BENCH_DURATION     seconds per endpoint (10)
//   BENCH_CONNECTIONS  concurrent connections (32, as the spec's budget is stated)
//   BENCH_POOL         one-use codes prepared per verify endpoint (36000: about 3 s of load)
//   BENCH_DATABASE_URL a PostgreSQL database (postgresql://…): the cases run there too, in a fresh
//                      schema that is dropped afterwards
//   BENCH_POSTGRES_POOL one-use codes per verify endpoint on PostgreSQL (12000: its rows are slower,
//                      and making codes there takes most of the set-up time)
//   BENCH_EVENTS       access events seeded for the admin console rows (100000)
//   BENCH_SEQUENTIAL   requests per admin console row, one at a time (200)
import { availableParallelism, loadavg } from 'node:os'
import { buildIfStale } from '../scripts/build-if-stale.mjs'
import { accessLogCases, ACCESS_LOG_EVENTS, formatTimedTable, measureAccessLog } from './access-log'
import { benchCases, type BenchContext } from './cases'
import {
  ApiClient,
  formatTable,
  measure,
  startApp,
  startBareServer,
  type AppServer,
  type LoadSpec,
  type Measurement,
  type Row,
  type Server,
} from './harness'
import Database from 'better-sqlite3'
import pg from 'pg'
import { createTestDatabase } from '../tests/setup/test-database'
import { doorEventsOn, listenToDoorEvents, type DoorEventsListener } from './door-events'

const durationSeconds = Number(process.env.BENCH_DURATION ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32)
const poolSize = Number(process.env.BENCH_POOL ?? 36000)
const postgresUrl = process.env.BENCH_DATABASE_URL
const postgresPoolSize = Number(process.env.BENCH_POSTGRES_POOL ?? 12000)
const sequentialRequests = Number(process.env.BENCH_SEQUENTIAL ?? 200)
const filters = process.argv.slice(2)
/** The spec's hot-path endpoints (SPEC.md, "Speed"). */
const HOT_PATH = ['GET /validate/', 'GET /isvalid/', 'POST /api/kiosk/scans', 'POST /otp/verify', 'POST /verify-code', 'GET /{uuid}/{otp}']
/** Set-up, runs and shut-down together; past this the run is abandoned rather than left hanging. */
const GIVE_UP_AFTER_MS = 25 * 60_000

const servers: Server[] = []
async function stopServers() {
  await Promise.allSettled(servers.splice(0).map((server) => server.stop()))
}
/** The bare server outlives the apps' stopServers(): it is measured again at the end. */
let bareServer: Server | undefined
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void Promise.allSettled([stopServers(), bareServer?.stop()]).then(() => process.exit(130)))
}
setTimeout(() => {
  console.error(`bench: gave up after ${GIVE_UP_AFTER_MS / 60_000} min`)
  void Promise.allSettled([stopServers(), bareServer?.stop()]).then(() => process.exit(1))
}, GIVE_UP_AFTER_MS).unref()

/** A few requests first, so the route's code is loaded and its statements prepared. */
async function warmUp(baseUrl: string, spec: LoadSpec, count = 20) {
  for (let i = 0; i < count; i++) {
    const request = spec.next()
    if (!request) return
    await (
      await fetch(baseUrl + request.path, {
        method: request.method,
        headers: { ...request.headers, ...(request.body ? { 'content-type': 'application/json' } : {}) },
        body: request.body,
      })
    ).arrayBuffer()
  }
}

/**
 * Before each PostgreSQL row: a set-up writes thousands of rows (codes, users), and the vacuum and
 * checkpoint they call for would otherwise land in the next row's ten seconds; each row is measured
 * from a settled database, and its own writes still pay for theirs.
 */
async function settlePostgres(url: string) {
  const target = new URL(url)
  const schema = target.searchParams.get('schema')!
  target.search = ''
  const client = new pg.Client({ connectionString: target.toString() })
  await client.connect()
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = $1`,
      [schema],
    )
    await client.query(`VACUUM (ANALYZE) ${tables.rows.map((table) => table.name).join(', ')}`)
    await client.query('CHECKPOINT')
  } finally {
    await client.end()
  }
}

/**
 * Before each SQLite row, the counterpart of settlePostgres's CHECKPOINT: the write-ahead log
 * copied back into the database and truncated. The set-ups of the code rows
 * write tens of thousands of rows (and the console rows 100,000 events); without this, the row
 * measured next pays for their checkpoint.
 */
function settleSqlite(databaseUrl: string) {
  const connection = new Database(databaseUrl.replace(/^file:/, ''))
  try {
    connection.pragma('busy_timeout = 5000')
    connection.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    connection.close()
  }
}

async function main() {
  const matches = (name: string) => filters.length === 0 || filters.some((f) => name.includes(f))
  const cases = benchCases.filter((c) => matches(c.name))
  const logCases = accessLogCases.filter((c) => matches(c.name))
  if (cases.length === 0 && logCases.length === 0) throw new Error(`no case matches ${filters.join(', ')}`)
  buildIfStale()

  // The bare server is measured first and again last, and the rows compare with the mean of the
  // two: on a shared machine its figure drifts by ±10 % within one run.
  bareServer = await startBareServer()
  const doorEvents: DoorEventsListener | null = doorEventsOn ? await listenToDoorEvents() : null
  const startWithEvents = async (databaseUrl?: string) => {
    const started = await startApp({ databaseUrl, env: doorEvents?.appEnv })
    await doorEvents?.subscribe(new ApiClient(started.baseUrl, started.adminApiKey))
    return started
  }
  const app = await startWithEvents()
  servers.push(app)
  const api = new ApiClient(app.baseUrl, app.adminApiKey)

  console.log(`bench: ${connections} connections, ${durationSeconds} s per endpoint, 127.0.0.1`)
  const bareSpec: LoadSpec = { next: () => ({ method: 'GET', path: '/' }) }
  await warmUp(bareServer.baseUrl, bareSpec)
  const bareFirst = await measure({ baseUrl: bareServer.baseUrl, spec: bareSpec, connections, durationSeconds })
  console.log(`  bare node:http: ${bareFirst.requestsPerSecond.toFixed(0)} req/s`)

  // Before the load cases, so that the log holds exactly the seeded events (the /validate case
  // adds its own afterwards).
  const logRows = await measureAccessLog({ app, api, cases: logCases, requests: sequentialRequests, log: console.log })

  async function runCases(target: AppServer, label: string, codes = poolSize, settle?: () => Promise<void>): Promise<Row[]> {
    const context: BenchContext = {
      app: target,
      api: new ApiClient(target.baseUrl, target.adminApiKey),
      connections,
      durationSeconds,
      poolSize: codes,
    }
    const measured: Row[] = []
    for (const benchCase of cases) {
      const started = Date.now()
      const spec = await benchCase.prepare(context)
      await warmUp(target.baseUrl, spec)
      await settle?.()
      console.log(`  ${benchCase.name}${label}: set up in ${((Date.now() - started) / 1000).toFixed(1)} s, measuring…`)
      const measurement = await measure({ baseUrl: target.baseUrl, spec, connections, durationSeconds })
      measured.push({ name: benchCase.name + label, measurement })
    }
    return measured
  }

  const rows = await runCases(app, '', poolSize, async () => settleSqlite(app.databaseUrl))
  await stopServers()
  if (postgresUrl && cases.length > 0) {
    const schema = await createTestDatabase('postgres', postgresUrl)
    try {
      const postgresApp = await startWithEvents(schema.url)
      servers.push(postgresApp)
      rows.push(...(await runCases(postgresApp, ' (PostgreSQL)', postgresPoolSize, () => settlePostgres(schema.url))))
      await stopServers()
    } finally {
      await schema.drop()
    }
  }

  const bareLast = await measure({ baseUrl: bareServer.baseUrl, spec: bareSpec, connections, durationSeconds })
  await bareServer.stop()
  console.log(`  bare node:http again: ${bareLast.requestsPerSecond.toFixed(0)} req/s`)
  const bare = meanOf(bareFirst, bareLast)

  console.log('')
  console.log(formatTable(rows, bare))
  console.log('')
  console.log(budgetVerdict(rows, bare.requestsPerSecond))
  console.log('')
  for (const benchCase of cases) console.log(`- ${benchCase.name}: ${benchCase.measures}`)
  console.log(
    `- bare node:http: a fresh process answering {"validation":true} to every request; the mean of ${bareFirst.requestsPerSecond.toFixed(0)} req/s before the rows and ${bareLast.requestsPerSecond.toFixed(0)} after them`,
  )
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
  if (doorEvents) {
    const { mqttMessages, webhookDeliveries } = doorEvents.counts()
    await doorEvents.stop()
    console.log(
      `- door events on (BENCH_DOOR_EVENTS=${process.env.BENCH_DOOR_EVENTS}): MQTT to the local broker${{ mqtt: '', all: ' and a webhook for every event type' }[process.env.BENCH_DOOR_EVENTS ?? ''] ?? ' and a webhook for entries and kiosk presence'}; received ${mqttMessages.toLocaleString('en')} MQTT messages and ${webhookDeliveries.toLocaleString('en')} webhook deliveries`,
    )
  }
  const [load1] = loadavg()
  console.log(
    `node ${process.version}, ${availableParallelism()} CPUs, load average ${load1!.toFixed(2)} at the end; latency in ms; SQLite, demo mode, production build`,
  )
}

/** Two runs of the bare server as one: requests and seconds added, latency percentiles of the slower. */
function meanOf(a: Measurement, b: Measurement): Measurement {
  const slower = a.requestsPerSecond < b.requestsPerSecond ? a : b
  const requests = a.requests + b.requests
  const seconds = a.seconds + b.seconds
  return { ...slower, requests, seconds: seconds / 2, requestsPerSecond: (a.requestsPerSecond + b.requestsPerSecond) / 2 }
}

/** The spec's budget for the hot rows: SQLite ≥ 0.15 × bare and p99 ≤ 25 ms, PostgreSQL ≥ 0.05 ×, no non-2xx. */
function budgetVerdict(rows: Row[], bareRps: number): string {
  const hot = rows.filter((row) => HOT_PATH.some((name) => row.name.startsWith(name)))
  const misses = hot.flatMap(({ name, measurement: m }) => {
    const postgres = name.endsWith('(PostgreSQL)')
    const floor = postgres ? 0.05 : 0.15
    const problems = [
      ...(m.requestsPerSecond < floor * bareRps ? [`${(m.requestsPerSecond / bareRps).toFixed(3)} × bare < ${floor}`] : []),
      ...(!postgres && m.p99 > 25 ? [`p99 ${m.p99} ms > 25`] : []),
      ...(m.non2xx > 0 ? [`${m.non2xx} non-2xx`] : []),
    ]
    return problems.length > 0 ? [`  ${name}: ${problems.join(', ')}`] : []
  })
  return misses.length === 0
    ? `hot path budget: all ${hot.length} hot rows within it`
    : `hot path budget: ${misses.length} of ${hot.length} hot rows miss it\n${misses.join('\n')}`
}

main().catch(async (error: unknown) => {
  console.error('bench failed:', error instanceof Error ? error.message : error)
  await stopServers()
  process.exit(1)
})
