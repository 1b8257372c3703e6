// The admin console's access log under a realistic table: 100,000 access events written straight
// into the bench's database (createMany in batches: through the API they would take minutes of
// scans), then each console request timed alone, one after another. What matters here is how long
// an admin waits for a page, not throughput, so these rows are latencies of sequential requests
// signed in as an admin (session cookie, as the console sends it).
import { createDb } from '../lib/db/client'
import type { ApiClient, AppServer } from './harness'

/** BENCH_EVENTS overrides the size of the seeded log. */
export const ACCESS_LOG_EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000)
const SEEDED_USERS = 1_000
const SEEDED_KIOSKS = 10
const BATCH = 5_000
/** The events span this long before now, about 26 s apart at 100,000. */
const SPAN_MS = 30 * 24 * 3_600_000
const DENIAL_REASONS = ['wrong_code', 'replay', 'unknown_user', 'disabled_user', 'malformed'] as const

/** A small seeded PRNG, so that every run measures the same log. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export interface SeededLog {
  /** A user with about 1/1000 of the events. */
  userId: string
  /** The highest event id, as the console's live refresh would pass it. */
  newestId: number
}

/** Writes the users, kiosks and events into the app's SQLite file while the app runs (WAL). */
export async function seedAccessLog(options: { databaseUrl: string; events?: number; now?: Date }): Promise<SeededLog> {
  const count = options.events ?? ACCESS_LOG_EVENTS
  const now = (options.now ?? new Date()).getTime()
  const { db } = createDb(options.databaseUrl)
  try {
    const users = Array.from({ length: SEEDED_USERS }, (_, i) => ({
      id: `bench-log-user-${i}`,
      name: `Log person ${i}`,
      email: `bench-log-${i}@example.com`,
      updatedAt: new Date(now),
    }))
    await db.user.createMany({ data: users })
    const kiosks = Array.from({ length: SEEDED_KIOSKS }, (_, i) => ({
      id: `bench-log-kiosk-${i}`,
      name: `Door ${i}`,
      tokenHash: `bench-log-kiosk-${i}-not-a-token-hash`,
    }))
    await db.kiosk.createMany({ data: kiosks })
    const random = mulberry32(20261121)
    for (let start = 0; start < count; start += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, count - start) }, (_, j) => {
        const n = start + j
        // About one scan in ten is refused, by anyone at any door; the oldest first, so ids grow
        // with time as in real use.
        const denied = random() < 0.1 ? DENIAL_REASONS[Math.floor(random() * DENIAL_REASONS.length)]! : null
        return {
          at: new Date(now - SPAN_MS + Math.floor((n * SPAN_MS) / count)),
          userId: users[Math.floor(random() * SEEDED_USERS)]!.id,
          kioskId: kiosks[Math.floor(random() * SEEDED_KIOSKS)]!.id,
          result: denied ? 'denied' : 'granted',
          reason: denied ?? 'granted',
        }
      })
      await db.accessEvent.createMany({ data: rows })
    }
    const newest = await db.accessEvent.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { id: true } })
    return { userId: users[42]!.id, newestId: newest.id }
  } finally {
    await db.$disconnect()
  }
}

export interface TimedCase {
  name: string
  measures: string
  path(seed: SeededLog): string
}

export const accessLogCases: TimedCase[] = [
  {
    name: 'GET /api/admin/events',
    measures: 'the console’s first access-log page: the newest 50 events with user and kiosk names',
    path: () => '/api/admin/events',
  },
  {
    name: 'GET /api/admin/events?user=',
    measures: 'one person’s newest 50 events (about 100 of the log’s events are theirs)',
    path: (seed) => `/api/admin/events?user=${encodeURIComponent(seed.userId)}`,
  },
  {
    name: 'GET /api/admin/events?result=denied',
    measures: 'the newest 50 refused scans (one event in ten)',
    path: () => '/api/admin/events?result=denied',
  },
  {
    name: 'GET /api/admin/events?user=&result=denied',
    measures: 'one person’s newest refused scans (about 10 in the whole log: the query reaches its end)',
    path: (seed) => `/api/admin/events?user=${encodeURIComponent(seed.userId)}&result=denied`,
  },
  {
    name: 'GET /api/admin/events?after=',
    measures: 'live refresh: the poll the open console sends every few seconds, with nothing new',
    path: (seed) => `/api/admin/events?after=${seed.newestId}`,
  },
  {
    name: 'GET /api/admin/events/stats?bucket=day',
    measures: 'the chart: grants and denials per day over the last 30 days, i.e. every seeded event counted',
    path: () => '/api/admin/events/stats?bucket=day',
  },
]

export interface TimedRow {
  name: string
  requests: number
  p50: number
  p99: number
  max: number
  non2xx: number
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}

/** `count` requests one after another, each timed from sending to the last byte of the body. */
export async function timeSequential(options: {
  baseUrl: string
  path: string
  headers: Record<string, string>
  count: number
  warmUp?: number
}): Promise<Omit<TimedRow, 'name'>> {
  const once = async () => {
    const started = performance.now()
    const response = await fetch(options.baseUrl + options.path, { headers: options.headers })
    await response.arrayBuffer()
    return { ms: performance.now() - started, ok: response.ok }
  }
  for (let i = 0; i < (options.warmUp ?? 10); i++) await once()
  const times: number[] = []
  let non2xx = 0
  for (let i = 0; i < options.count; i++) {
    const { ms, ok } = await once()
    times.push(ms)
    if (!ok) non2xx++
  }
  times.sort((a, b) => a - b)
  return { requests: options.count, p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: times[times.length - 1]!, non2xx }
}

/** An admin's session cookie, got the way the console gets one: a sign-in code (demo mode). */
export async function adminSessionCookie(api: ApiClient): Promise<string> {
  const email = 'bench-admin@example.com'
  await api.call('POST', '/api/admin/users', { body: { name: 'Bench admin', email, role: 'admin' }, expect: 201 })
  const { body } = await api.call('POST', '/api/auth/login', { body: { address: email }, auth: 'none' })
  const verified = await api.call('POST', '/api/auth/verify', { body: { address: email, code: body.demoCode }, auth: 'none' })
  const cookie = verified.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error('sign-in set no session cookie')
  return cookie
}

export async function measureAccessLog(options: {
  app: Pick<AppServer, 'baseUrl' | 'databaseUrl'>
  api: ApiClient
  cases: TimedCase[]
  requests: number
  log?: (line: string) => void
}): Promise<TimedRow[]> {
  if (options.cases.length === 0) return []
  const log = options.log ?? (() => {})
  const started = Date.now()
  const seed = await seedAccessLog({ databaseUrl: options.app.databaseUrl })
  log(`  access log: ${ACCESS_LOG_EVENTS.toLocaleString('en')} events seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  const headers = { cookie: await adminSessionCookie(options.api) }
  const rows: TimedRow[] = []
  for (const timedCase of options.cases) {
    const timing = await timeSequential({ baseUrl: options.app.baseUrl, path: timedCase.path(seed), headers, count: options.requests })
    rows.push({ name: timedCase.name, ...timing })
  }
  return rows
}

export function formatTimedTable(rows: TimedRow[]): string {
  const header = ['admin console endpoint', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx']
  const cells = rows.map((row) => [
    row.name,
    String(row.requests),
    row.p50.toFixed(1),
    row.p99.toFixed(1),
    row.max.toFixed(1),
    String(row.non2xx),
  ])
  const widths = header.map((_, column) => Math.max(...[header, ...cells].map((row) => row[column]!.length)))
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n')
}
