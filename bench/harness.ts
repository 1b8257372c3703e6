// The benchmark's machinery: the app's production server on a throwaway SQLite database, the bare
// node:http yardstick, an API client for setting data up, the load generator and the table.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import autocannon from 'autocannon'

export const root = join(import.meta.dirname, '..')

export interface Server {
  baseUrl: string
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode} before answering`)
    try {
      const response = await fetch(`${baseUrl}/health`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`the app did not answer ${baseUrl}/health within ${timeoutMs / 1000} s`)
}

/** Settings that would leave demo mode or change the limits are not inherited from the shell. */
const inheritedOut = /^(DATABASE_URL|DATA_DIR|APP_SECRET|ADMIN_|SMTP_|EMAIL_|TWILIO_|RATE_LIMIT_|OTP_DEMO_MODE|PORT|MQTT_)/

export interface AppServer extends Server {
  adminApiKey: string
  databaseUrl: string
  dataDir: string
}

/**
 * The production server (scripts/start.mjs, as `npm start`) on a fresh SQLite file (or the given
 * database) in demo mode (codes come back in the responses), with every
 * rate limit far above what one client on 127.0.0.1 can send, so that the limits are counted (the
 * work is real) but never refuse.
 */
export async function startApp(options: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<AppServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qr-door-bench-'))
  const port = await freePort()
  const adminApiKey = randomBytes(24).toString('hex')
  const databaseUrl = options.databaseUrl ?? `file:${join(dataDir, 'bench.db')}`
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !inheritedOut.test(key)))
  const child = spawn(
    process.execPath,
    // BENCH_NODE_ARGS: extra node flags for the app, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
    [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(root, 'scripts/start.mjs')],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        APP_SECRET: randomBytes(32).toString('hex'),
        ADMIN_API_KEY: adminApiKey,
        OTP_DEMO_MODE: 'true',
        RATE_LIMIT_IP_PER_MINUTE: '100000000',
        RATE_LIMIT_POLL_PER_MINUTE: '100000000',
        RATE_LIMIT_SUBJECT_PER_HOUR: '100000000',
        ...options.env,
      },
    },
  )
  const baseUrl = `http://127.0.0.1:${port}`
  const stop = async () => {
    await stopChild(child)
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    await waitForHealth(baseUrl, child, 60_000)
  } catch (error) {
    await stop()
    throw error
  }
  return { baseUrl, adminApiKey, databaseUrl, dataDir, stop }
}

export async function startBareServer(): Promise<Server> {
  const child = spawn(process.execPath, [join(root, 'bench/bare-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`the bare server exited with code ${code}`)))
  })
  const { port } = JSON.parse(first) as { port: number }
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => stopChild(child) }
}

// --- Setting data up through the API -------------------------------------------------------------

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- set-up answers are read ad hoc; each case checks what it uses
  async call<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; auth?: 'apiKey' | 'none'; headers?: Record<string, string>; expect?: number } = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        // As a browser on the app's own pages would: sign-in refuses changes without it.
        Origin: this.baseUrl,
        ...(options.auth === 'none' ? {} : { Authorization: `Bearer ${this.apiKey}` }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
    const text = await response.text()
    const body = text ? JSON.parse(text) : undefined
    const expected = options.expect ?? 200
    if (response.status !== expected) {
      throw new Error(`${method} ${path} answered ${response.status}, expected ${expected}: ${text.slice(0, 300)}`)
    }
    return { status: response.status, body, headers: response.headers }
  }
}

/** Runs `task` for 0…count-1 with at most `concurrency` at a time; results in order. */
export async function inParallel<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++
        results[index] = await task(index)
      }
    }),
  )
  return results
}

// --- Load ------------------------------------------------------------------------------------------

export interface LoadRequest {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface LoadSpec {
  /** The next request to send; null once prepared one-use data is used up. */
  next(): LoadRequest | null
  /**
   * For one-use data: how many requests are left. The run then stops after that many answers, or
   * at the duration if that comes first (the table shows a shorter run with a *).
   */
  remaining?(): number
}

export interface Measurement {
  requests: number
  seconds: number
  requestsPerSecond: number
  p50: number
  p99: number
  /** Answers outside 2xx, and connection errors or timeouts. */
  non2xx: number
  errors: number
  exhausted: boolean
}

export async function measure(options: {
  baseUrl: string
  spec: LoadSpec
  connections: number
  durationSeconds: number
}): Promise<Measurement> {
  const { spec } = options
  const amount = spec.remaining?.()
  if (amount === 0) throw new Error('nothing to send: the prepared data is used up')
  let last: LoadRequest | null = null
  let instance: autocannon.Instance | undefined
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  let lastAnswer = started
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        // With one-use data autocannon stops after `amount` answers; the timer below bounds the time.
        ...(amount === undefined ? { duration: options.durationSeconds } : { amount }),
        timeout: 10,
        requests: [
          {
            setupRequest: (request) => {
              // Connections build their next request before autocannon notices `amount` is reached:
              // those are never sent, so repeating the last one is harmless.
              const next = spec.next() ?? last
              if (!next) throw new Error('nothing to send')
              last = next
              return {
                ...request,
                method: next.method,
                path: next.path,
                headers: { ...next.headers, ...(next.body ? { 'content-type': 'application/json' } : {}) },
                body: next.body,
              }
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
    // autocannon notices that `amount` answers arrived only at its next once-a-second tick, so a run
    // that uses up its codes early is timed to its last answer, not to when autocannon stops.
    instance.on('response', () => {
      lastAnswer = performance.now()
    })
    if (amount !== undefined) timer = setTimeout(() => instance?.stop(), options.durationSeconds * 1000)
  })
  clearTimeout(timer)
  const seconds = ((amount === undefined ? performance.now() : lastAnswer) - started) / 1000
  const requests = result.requests.total
  return {
    requests,
    seconds,
    requestsPerSecond: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
    errors: result.errors + result.timeouts,
    exhausted: amount !== undefined && seconds < options.durationSeconds - 0.5,
  }
}

// --- Output -----------------------------------------------------------------------------------------

export interface Row {
  name: string
  measurement: Measurement
}

function pad(cells: string[][]) {
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)))
  return cells.map((row) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`)
}

/** A Markdown table, so a run can be pasted into the README as it is. */
export function formatTable(rows: Row[], bare: Measurement): string {
  const header = ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'vs bare', 'non-2xx', 'seconds']
  const cells = [bare, ...rows.map((row) => row.measurement)].map((m, index) => [
    index === 0 ? 'bare node:http (JSON)' : rows[index - 1]!.name,
    m.requestsPerSecond.toFixed(0),
    String(m.p50),
    String(m.p99),
    index === 0 ? '1' : (m.requestsPerSecond / bare.requestsPerSecond).toFixed(3),
    String(m.non2xx),
    m.seconds.toFixed(1) + (m.exhausted ? '*' : ''),
  ])
  const lines = pad([header, ...cells])
  lines.splice(1, 0, lines[0]!.replace(/[^|]/g, '-'))
  return lines.join('\n')
}
