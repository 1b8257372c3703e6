// Admin writes through Prisma and door scans in one process, at the same time, for a few seconds.
// On SQLite, Prisma's interactive transactions hold the write lock across awaits, while the scans'
// statements run on a connection of their own that retries a busy database asynchronously
// (lib/db/statements/sqlite.ts). Nothing may deadlock or fail with "database is locked", every
// scan must be answered with a grant and logged, and both sides must keep making progress.
// Cheap on PostgreSQL too, where it runs as well.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { currentPass } from '@/lib/door/current-pass'
import { validateScan } from '@/lib/door/validate-scan'
import { enforceRateLimits } from '@/lib/rate-limit'
import { updateUser } from '@/lib/users/update-user'
import { createPassUser } from './fixtures'

const RUN_MS = 2_500
const SCAN_LOOPS = 4
const BYSTANDERS = 6
/**
 * Each loop's least number of steps in RUN_MS: a step takes a few ms (tens on a loaded machine, and
 * 37 steps were seen on PostgreSQL in a CI run on a busy 2-core machine), so hundreds is normal; a
 * loop held back by the others gets a handful.
 */
const MIN_ITERATIONS = 20
/**
 * Longest a scan or an admin write may take: far below the 5 s busy timeout a deadlock would wait
 * out, far above a normal step (503 ms was seen on PostgreSQL in a CI run on a busy 2-core machine).
 */
const SLOWEST_MS = 1_000
const base = new Date('2026-10-05T07:00:05Z')
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** A turn of the event loop, as between two requests arriving: a loop of awaits on SQLite never yields otherwise. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve))
// Generous: the loops must be held back by the database only, never by the limiter.
const kioskRule = { bucket: 'busy-kiosk', limit: 1_000_000, windowSeconds: 60 }

interface Tally {
  name: string
  iterations: number
  errors: unknown[]
  /** The longest iteration, in ms. */
  slowest: number
}

/** Runs `step` over and over until the deadline, counting iterations and errors, never stopping at one. */
async function loop(name: string, deadline: number, step: (iteration: number) => Promise<void>): Promise<Tally> {
  const tally: Tally = { name, iterations: 0, errors: [], slowest: 0 }
  while (Date.now() < deadline) {
    const start = Date.now()
    try {
      await step(tally.iterations)
    } catch (error) {
      tally.errors.push(error)
    }
    tally.slowest = Math.max(tally.slowest, Date.now() - start)
    tally.iterations++
    await nextTurn()
  }
  return tally
}

const errorsOf = (tallies: Tally[]) =>
  tallies.flatMap((tally) =>
    tally.errors.map((error) => `${tally.name}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
  )

/** Whether bystander `b` ends disabled after `iterations` toggles of updateUser (iteration i toggles bystander i % BYSTANDERS). */
function lastToggle(b: number, iterations: number): boolean {
  const last = iterations - 1
  const i = last - ((((last - b) % BYSTANDERS) + BYSTANDERS) % BYSTANDERS)
  return i >= 0 && Math.floor(i / BYSTANDERS) % 2 === 0
}

/**
 * Admin loops (updateUser toggling `disabled`, and a transaction holding the write lock across a
 * 5 ms await, `gapMs` apart) and SCAN_LOOPS kiosk loops (rate limit, the pass for a new step each
 * time, the scan) for RUN_MS; then checks that all of it worked.
 */
async function adminAndScansTogether(o: { gapMs: number }) {
  const bystanders = await Promise.all(Array.from({ length: BYSTANDERS }, (_, i) => createPassUser({ name: `Bystander ${i}` })))
  const scanners = await Promise.all(Array.from({ length: SCAN_LOOPS }, (_, i) => createPassUser({ name: `Scanner ${i}` })))
  const deadline = Date.now() + RUN_MS
  const started = Date.now()

  // (a) The admin console: updateUser toggles `disabled` (an interactive transaction that also
  // revokes the sessions of a disabled user) …
  const adminUpdates = loop('updateUser', deadline, async (i) => {
    const user = bystanders[i % BYSTANDERS]!
    await updateUser({ db, now: new Date(), userId: user.id, patch: { disabled: Math.floor(i / BYSTANDERS) % 2 === 0 } })
    if (o.gapMs) await pause(o.gapMs)
  })
  // … and a transaction that holds the write lock across an await on purpose.
  const lockHolder = loop('lock holder', deadline, async (i) => {
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: bystanders[i % BYSTANDERS]!.id }, data: { name: `Held ${i}` } })
      await pause(5)
      await tx.user.update({ where: { id: bystanders[(i + 1) % BYSTANDERS]!.id }, data: { name: `Also held ${i}` } })
    })
    if (o.gapMs) await pause(o.gapMs)
  })

  // (b) Kiosks: each scans its own person's pass, each time at a new step, so that each scan grants.
  const eventIds: number[] = []
  const grantsPerScanner = scanners.map(() => 0)
  const scanLoops = scanners.map((scanner, n) =>
    loop(`scanner ${n}`, deadline, async (i) => {
      const now = new Date(base.getTime() + i * 30_000)
      await enforceRateLimits({ db, now, checks: [{ rule: kioskRule, subject: `kiosk-${n}` }] })
      const pass = await currentPass({ db, now, userId: scanner.id })
      if (pass.status !== 'ok') throw new Error(`no pass: ${pass.status}`)
      const result = await validateScan({ db, now, input: pass.pass.qrString, grantSeconds: 30 })
      eventIds.push(result.eventId)
      if (!result.granted) throw new Error(`scan ${i} of scanner ${n} not granted: ${result.reason}`)
      grantsPerScanner[n]!++
    }),
  )

  const admin = await Promise.all([adminUpdates, lockHolder])
  const scans = await Promise.all(scanLoops)
  const elapsed = Date.now() - started
  const summary = [...admin, ...scans]
    .map(({ name, iterations, slowest }) => `${name}: ${iterations} done, slowest ${slowest} ms`)
    .join('; ')

  expect(errorsOf([...admin, ...scans])).toEqual([])
  // Nothing sat out a busy timeout: the loops ended close to the deadline, each step was quick.
  expect(elapsed, summary).toBeLessThan(RUN_MS + SLOWEST_MS)
  for (const tally of [...admin, ...scans]) {
    expect(tally.iterations, `${tally.name} made progress (${summary})`).toBeGreaterThan(MIN_ITERATIONS)
    expect(tally.slowest, `${tally.name} was never held up (${summary})`).toBeLessThan(SLOWEST_MS)
  }

  // Every scan granted and left its access event.
  expect(grantsPerScanner).toEqual(scans.map((tally) => tally.iterations))
  const scanCount = scans.reduce((sum, tally) => sum + tally.iterations, 0)
  const logged = await db.accessEvent.findMany({ where: { userId: { in: scanners.map((s) => s.id) } }, select: { id: true, result: true } })
  expect(logged.map((event) => event.id).sort((a, b) => a - b)).toEqual([...eventIds].sort((a, b) => a - b))
  expect(logged.filter((event) => event.result === 'granted')).toHaveLength(scanCount)
  // And every admin write landed: each bystander is as its last toggle left it.
  const rows = await db.user.findMany({ where: { id: { in: bystanders.map((b) => b.id) } }, select: { id: true, disabled: true } })
  expect(bystanders.map((b) => rows.find((row) => row.id === b.id)!.disabled)).toEqual(
    bystanders.map((_, b) => lastToggle(b, admin[0]!.iterations)),
  )
}

describe('admin writes and scans in one process', () => {
  it('never deadlock or fail when admin transactions arrive a few ms apart', async () => {
    await adminAndScansTogether({ gapMs: 5 })
  })

  // The lock is then free only for a moment within a turn of the event loop, between one
  // transaction's commit and the next one's first write: the scans' retries must still get in.
  it('never deadlock or fail, and scans keep going, while admin transactions follow one another without a break', async () => {
    await adminAndScansTogether({ gapMs: 0 })
  })
})
