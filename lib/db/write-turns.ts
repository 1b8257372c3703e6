// Turns at SQLite's write lock within one process, first come first served. Prisma's interactive
// transactions hold the lock across awaits; the hot path's statements (lib/db/statements/sqlite.ts)
// run on a connection of their own. Without turns, a scan that finds the lock held retries after a
// pause, and transactions that follow one another closely can keep it busy at every retry until
// the scan gives up. With turns, a transaction and a batch of scans each wait for the one before.
// Other processes are still kept out by SQLite's own lock (and the busy retries).
export interface WriteTurns {
  /** Waits for this caller's turn; call the returned function to end it. */
  take(): Promise<() => void>
}

export function createWriteTurns(): WriteTurns {
  let last: Promise<void> = Promise.resolve()
  return {
    take() {
      let end!: () => void
      const mine = new Promise<void>((resolve) => (end = resolve))
      const previous = last
      last = previous.then(() => mine)
      return previous.then(() => {
        let ended = false
        return () => {
          if (ended) return
          ended = true
          end()
        }
      })
    },
  }
}
