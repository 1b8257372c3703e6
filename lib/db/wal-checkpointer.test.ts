import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer'

const PAGE = 4096
let dir: string
let checkpointer: WalCheckpointer | null = null

afterEach(async () => {
  await checkpointer?.stop()
  checkpointer = null
  rmSync(dir, { recursive: true, force: true })
})

/**
 * A connection that never checkpoints by itself, as this app's are, writing pages for 0.5 s, with no pause between commits long enough for a checkpoint in the worker to copy the
 * last one (as under steady load: then only the writer's catching up starts the WAL again); like the hot path's writer (lib/db/statements/sqlite.ts), it catches up between two
 * commits when the checkpointer says the WAL is due to start again.
 */
async function writeWithoutCheckpoints(file: string, catchUp = true) {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('wal_autocheckpoint = 0')
  db.exec('CREATE TABLE IF NOT EXISTS t (x BLOB)')
  await checkpointer?.started
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)')
  const batch = db.transaction(() => {
    for (let i = 0; i < 5; i++) insert.run(Buffer.alloc(PAGE, i))
  })
  const until = Date.now() + 500
  let rows = 0
  while (Date.now() < until) {
    batch.immediate()
    rows += 5
    if (catchUp && checkpointer?.restartDue()) {
      // busy = 1: the worker's checkpoint under way; again after the next commit.
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number }[]
      if (result?.busy === 0) checkpointer.caughtUp()
    }
    // A turn of the event loop, for the worker's reports.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { db, pages: rows }
}

describe('startWalCheckpointer', () => {
  it('keeps the WAL short while another connection of the process writes and never checkpoints by itself', async () => {
    dir = mkdtempSync(join(tmpdir(), 'qr-door-wal-'))
    const file = join(dir, 'app.db')
    checkpointer = startWalCheckpointer({ file, intervalMs: 10, restartFrames: 100 })
    const { db, pages } = await writeWithoutCheckpoints(file)
    db.close()
    // Without the worker, or without the writer catching up, the WAL holds every page written
    // (thousands, and some). Started again once past 100 pages, it holds what comes between two
    // reports, and more while fsyncs are slow; still far less.
    expect(pages).toBeGreaterThan(2000)
    expect(statSync(`${file}-wal`).size / PAGE).toBeLessThan(pages * 0.75)
  })

  it('says when the WAL is due to start again, until the writer caught up', async () => {
    dir = mkdtempSync(join(tmpdir(), 'qr-door-wal-'))
    const file = join(dir, 'app.db')
    checkpointer = startWalCheckpointer({ file, intervalMs: 10, restartFrames: 100 })
    const { db } = await writeWithoutCheckpoints(file, false)
    await sleep(50)
    expect(checkpointer.restartDue()).toBe(true)
    checkpointer.caughtUp()
    expect(checkpointer.restartDue()).toBe(false)
    db.close()
  })

  it('copies what was written into the database file while the writer is still open', async () => {
    dir = mkdtempSync(join(tmpdir(), 'qr-door-wal-'))
    const file = join(dir, 'app.db')
    checkpointer = startWalCheckpointer({ file, intervalMs: 10, restartFrames: 100 })
    const { db, pages } = await writeWithoutCheckpoints(file)
    await sleep(50)
    // The rows' pages are in the main file now, not only in the WAL (closing the last connection
    // would checkpoint anyway, so the writer stays open while this is checked).
    expect(statSync(file).size).toBeGreaterThanOrEqual(pages * PAGE)
    db.close()
  })

  it('waits for the file: a database not yet migrated is not created by the worker', async () => {
    dir = mkdtempSync(join(tmpdir(), 'qr-door-wal-'))
    const file = join(dir, 'later.db')
    checkpointer = startWalCheckpointer({ file, intervalMs: 5 })
    // Long enough for the worker to start and tick many times.
    await sleep(500)
    expect(() => statSync(file)).toThrow()
  })
})
