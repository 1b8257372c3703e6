// SQLite's WAL checkpoints, mostly off the event loop (decision 0010, addendum "checkpoints").
//
// By default the connection whose COMMIT takes the WAL past 1,000 pages copies the WAL back into
// the database file right there, and syncs both files: on this app's connections that is the event
// loop, blocked for the copy and two fsyncs every few dozen group commits. Under the scan bench,
// checkpoints were about a third of what an access event's insert cost (perf), and the longest
// stalls behind the p99.
//
// So this process's connections do not checkpoint by themselves (wal_autocheckpoint = 0: Prisma's
// in lib/db/client.ts, the hot path's in lib/db/statements/sqlite.ts). A worker thread with a
// connection of its own makes a PASSIVE checkpoint every `intervalMs`: it copies what is committed,
// waits for nobody and blocks nobody, and reports how long the WAL has grown.
//
// What it cannot do is start the WAL again from its beginning. Under steady writes a passive
// checkpoint never copies the last commit, and only a fully copied WAL is started again (by the
// next writer). A RESTART checkpoint from the worker would do it, but it changes the WAL's header
// under a Prisma transaction that has read and not yet written, which then fails with
// SQLITE_BUSY_SNAPSHOT; write turns (lib/db/write-turns.ts) keep that from happening only on the
// main thread. So once the WAL is past `restartFrames` pages, `restartDue()` says so, and the hot
// path's writer makes a PASSIVE checkpoint between two of its commits (again after the next commit
// if the worker's was under way): it copies only what came since the worker's last one, so the
// next writer starts the WAL again.
// Other processes on the same file still checkpoint as SQLite does by default.
import { Worker } from 'node:worker_threads'

export interface WalCheckpointer {
  /** Resolves at the worker's first checkpoint (tests: it takes a moment to start). */
  readonly started: Promise<void>
  /** The WAL has grown past `restartFrames`: the writer should catch up (and say when it did). */
  restartDue(): boolean
  /** The writer caught up: the WAL starts again at its next commit. */
  caughtUp(): void
  stop(): Promise<void>
}

export interface WalCheckpointerOptions {
  file: string
  /** Called if the worker stops unexpectedly: the caller's connection must checkpoint again itself. */
  onFailure?: () => void
  /** Between passive checkpoints. */
  intervalMs?: number
  /**
   * WAL pages past which the writer should let the WAL start again (default 16,000: 64 MB; each
   * catch-up is an fsync on the event loop, so fewer of them keep the scans' p99 down; decision 0010).
   */
  restartFrames?: number
}

/** The worker's code, run with `eval`: a bundler cannot move or rename a file it does not see. */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const { createRequire } = require('node:module')
const { join } = require('node:path')
let Database
try {
  Database = createRequire(join(workerData.root, 'package.json'))('better-sqlite3')
} catch {
  Database = require('better-sqlite3')
}
// Opened at the first tick, and only once the file exists: migrations create it.
let db = null
const checkpoint = () => {
  try {
    db ??= new Database(workerData.file, { timeout: 0, fileMustExist: true })
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)')
    parentPort.postMessage({ log: passive.log })
  } catch (error) {
    // Another checkpoint under way, or no file yet: next time. Anything else is worth a line in the log.
    const code = String(error && error.code)
    if (!code.startsWith('SQLITE_BUSY') && code !== 'SQLITE_CANTOPEN') parentPort.postMessage({ error: String(error && error.message) })
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs)
parentPort.on('message', (message) => {
  if (message !== 'stop') return
  clearInterval(timer)
  if (db) {
    checkpoint()
    db.close()
  }
  parentPort.close()
})
`

export function startWalCheckpointer(o: WalCheckpointerOptions): WalCheckpointer {
  const restartFrames = o.restartFrames ?? 16_000
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: o.file, root: process.cwd(), intervalMs: o.intervalMs ?? 100 },
  })
  // It must never keep the process alive, nor take it down.
  worker.unref()
  let restartDue = false
  let markStarted!: () => void
  const started = new Promise<void>((resolve) => (markStarted = resolve))
  worker.on('message', (message: { log?: number; error?: string }) => {
    markStarted()
    if (message.error) console.warn(`[qr-door] WAL checkpoint of ${o.file} failed: ${message.error}`)
    if (message.log !== undefined && message.log >= restartFrames) restartDue = true
  })
  let stopping = false
  worker.on('error', (error) => console.error(`[qr-door] WAL checkpointer of ${o.file} stopped:`, error))
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping) o.onFailure?.()
      resolve()
    }),
  )
  return {
    started,
    restartDue: () => restartDue,
    caughtUp() {
      restartDue = false
    },
    async stop() {
      stopping = true
      worker.postMessage('stop')
      await exited
    },
  }
}
