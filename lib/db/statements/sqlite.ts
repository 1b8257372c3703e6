// The hot-path statements on SQLite: better-sqlite3 prepared statements on a connection of their
// own. better-sqlite3 is synchronous, so each call below runs start to end in one turn of the event
// loop and never holds a lock across an `await`.
//
// Prisma's connection, though, does hold SQLite's write lock across awaits (an interactive
// transaction). If this connection then waited for that lock synchronously (a busy timeout), it
// would block the very event loop Prisma needs to finish and release it: a deadlock until the
// timeout. So this connection never waits synchronously (busy_timeout 0): a busy database is
// retried after a short asynchronous pause, up to SQLITE_BUSY_TIMEOUT_MS. See docs/decisions/0010.
import Database from 'better-sqlite3'
import type { OtpChallenge } from '../generated/sqlite/client'
import { RELEASED_SLOT_AT, type HotStatements, type ScanOutcome } from './types'

/** How SQLite columns written by Prisma's adapter hold a DateTime (its default "iso8601" format). */
export function sqliteTime(date: Date): string {
  return date.toISOString().replace('Z', '+00:00')
}

function readTime(value: unknown): Date {
  return new Date(value as string)
}

function readOptionalTime(value: unknown): Date | null {
  return value === null || value === undefined ? null : readTime(value)
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs `work` (synchronous), again after a pause while the database is busy, until `timeoutMs`. */
export async function retryWhileBusyAsync<T>(work: () => T, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let wait = 1
  for (;;) {
    try {
      return work()
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error
    }
    await pause(wait)
    wait = Math.min(wait * 2, 25)
  }
}

type Row = Record<string, unknown>

function toChallenge(row: Row | undefined): OtpChallenge | null {
  if (!row) return null
  return {
    id: row.id as string,
    scope: row.scope as string,
    subject: row.subject as string | null,
    codeHash: row.codeHash as string,
    alphabet: row.alphabet as string,
    length: row.length as number,
    attempts: row.attempts as number,
    maxAttempts: row.maxAttempts as number,
    boundData: row.boundData as string | null,
    channel: row.channel as string | null,
    destination: row.destination as string | null,
    createdAt: readTime(row.createdAt),
    lastSentAt: readTime(row.lastSentAt),
    expiresAt: readTime(row.expiresAt),
    consumedAt: readOptionalTime(row.consumedAt),
  }
}

/** Opens the connection and prepares every statement: on first use, after migrations made the tables. */
function prepareStatements(file: string) {
  const connection = new Database(file, { timeout: 0 })
  // The WAL is synced at checkpoints, not at every commit: a committed transaction survives the
  // process being killed (it is in the WAL file), not a power cut. Decision record 0010.
  connection.pragma('synchronous = NORMAL')
  const prepare = (sql: string) => connection.prepare(sql)

  const countHit = prepare(
    `INSERT INTO "RateLimitCounter" ("key", "count", "expiresAt") VALUES (?, 1, ?)
     ON CONFLICT ("key") DO UPDATE SET "count" = "count" + 1 RETURNING "count"`,
  ).pluck()
  const findApiKey = prepare(`SELECT "id", "revokedAt", "lastUsedAt" FROM "ApiKey" WHERE "keyHash" = ?`)
  const markApiKey = prepare(
    `UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ? AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ?)`,
  )
  const findKiosk = prepare(`SELECT "id", "name", "revokedAt", "lastSeenAt" FROM "Kiosk" WHERE "tokenHash" = ?`)
  const markKiosk = prepare(
    `UPDATE "Kiosk" SET "lastSeenAt" = ? WHERE "id" = ? AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ?)`,
  )
  const findSession = prepare(
    `SELECT s."id", s."expiresAt", s."revokedAt", u."id" AS "userId", u."name", u."role", u."disabled"
     FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = ?`,
  )
  const findDoorState = prepare(`SELECT "grantedAt", "disabled" FROM "User" WHERE "id" = ?`)
  const findPassHolder = prepare(`SELECT "id", "name", "disabled", "totpSecretEnc" FROM "User" WHERE "id" = ?`)
  const insertEvent = prepare(
    `INSERT INTO "AccessEvent" ("at", "userId", "kioskId", "result", "reason", "input")
     VALUES (?, ?, ?, ?, ?, ?) RETURNING "id"`,
  ).pluck()
  const grant = prepare(
    `UPDATE "User" SET "lastTotpStep" = ?, "grantedAt" = ?, "updatedAt" = ?
     WHERE "id" = ? AND "disabled" = 0 AND "totpSecretEnc" = ? AND ("lastTotpStep" IS NULL OR "lastTotpStep" < ?)`,
  )
  const passNow = prepare(`SELECT "disabled", "totpSecretEnc" FROM "User" WHERE "id" = ?`)
  const release = prepare(`UPDATE "RateLimitCounter" SET "expiresAt" = ? WHERE "key" = ?`)
  const claim = prepare(
    `UPDATE "RateLimitCounter" SET "count" = "count" + 1, "expiresAt" = ?
     WHERE "key" = (SELECT "key" FROM "RateLimitCounter"
                    WHERE "key" IN (SELECT "value" FROM json_each(?)) AND "expiresAt" <= ?
                    ORDER BY "expiresAt" LIMIT 1)
     RETURNING "key"`,
  ).pluck()
  const createSlots = prepare(
    `INSERT INTO "RateLimitCounter" ("key", "count", "expiresAt") SELECT "value", 0, ? FROM json_each(?) WHERE 1
     ON CONFLICT ("key") DO NOTHING`,
  )
  const slotsHeld = prepare(
    `SELECT count(*) AS "held", min("expiresAt") AS "soonest" FROM "RateLimitCounter"
     WHERE "key" IN (SELECT "value" FROM json_each(?)) AND "expiresAt" > ?`,
  )
  const challengeById = prepare(`SELECT * FROM "OtpChallenge" WHERE "id" = ?`)
  const openChallenge = prepare(
    `SELECT * FROM "OtpChallenge" WHERE "scope" = ? AND "subject" = ? AND "consumedAt" IS NULL
     ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
  )
  const consume = prepare(
    `UPDATE "OtpChallenge" SET "consumedAt" = ?
     WHERE "id" = ? AND "consumedAt" IS NULL AND "expiresAt" > ? AND "attempts" < ?`,
  )
  const countWrong = prepare(
    `UPDATE "OtpChallenge" SET "attempts" = "attempts" + 1
     WHERE "id" = ? AND "consumedAt" IS NULL AND "expiresAt" > ? AND "attempts" < ? RETURNING "attempts"`,
  ).pluck()

  const grantScan = connection.transaction(
    (o: Parameters<HotStatements['grantScan']>[0]): Awaited<ReturnType<HotStatements['grantScan']>> => {
      const at = sqliteTime(o.now)
      const budget = slotsHeld.get(JSON.stringify(o.budget.keys), at) as Row
      if ((budget.held as number) >= o.budget.keys.length) return { outcome: 'budget_spent' }
      const { changes } = grant.run(o.step, at, at, o.userId, o.totpSecretEnc, o.step)
      let outcome: ScanOutcome = 'granted'
      if (changes !== 1) {
        const current = passNow.get(o.userId) as Row | undefined
        outcome = !current
          ? 'unknown_user'
          : current.disabled
            ? 'disabled_user'
            : current.totpSecretEnc !== o.totpSecretEnc
              ? 'wrong_code'
              : 'replay'
      }
      const userId = outcome === 'unknown_user' ? null : o.userId
      const eventId = insertEvent.get(at, userId, o.kioskId, outcome === 'granted' ? 'granted' : 'denied', outcome, null) as number
      return { outcome, eventId }
    },
  )

  const claimSlot = connection.transaction((keys: string, now: string, until: string): string | null => {
    const claimed = claim.get(until, keys, now) as string | undefined
    if (claimed) return claimed
    // Slot rows are made on first use (and housekeeping deletes free ones): make the missing ones.
    if (createSlots.run(sqliteTime(RELEASED_SLOT_AT), keys).changes === 0) return null
    return (claim.get(until, keys, now) as string | undefined) ?? null
  })

  return {
    connection, countHit, findApiKey, markApiKey, findKiosk, markKiosk, findSession, findDoorState, findPassHolder,
    insertEvent, release, grantScan, claimSlot, slotsHeld, challengeById, openChallenge, consume, countWrong,
  }
}

export function createSqliteStatements(file: string, busyTimeoutMs: number): HotStatements {
  let prepared: ReturnType<typeof prepareStatements> | null = null
  const run = <T>(work: (s: ReturnType<typeof prepareStatements>) => T) =>
    retryWhileBusyAsync(() => work((prepared ??= prepareStatements(file))), busyTimeoutMs)

  return {
    dialect: 'sqlite',
    countRateLimitHit: ({ key, expiresAt }) => run((s) => s.countHit.get(key, sqliteTime(expiresAt)) as number),
    findApiKeyByHash: (keyHash) =>
      run((s) => {
        const row = s.findApiKey.get(keyHash) as Row | undefined
        return row ? { id: row.id as string, revoked: row.revokedAt !== null, lastUsedAt: readOptionalTime(row.lastUsedAt) } : null
      }),
    markApiKeyUsed: ({ id, now, staleBefore }) =>
      run((s) => void s.markApiKey.run(sqliteTime(now), id, sqliteTime(staleBefore))),
    findKioskByHash: (tokenHash) =>
      run((s) => {
        const row = s.findKiosk.get(tokenHash) as Row | undefined
        return row
          ? { id: row.id as string, name: row.name as string, revoked: row.revokedAt !== null, lastSeenAt: readOptionalTime(row.lastSeenAt) }
          : null
      }),
    markKioskSeen: ({ id, now, staleBefore }) =>
      run((s) => void s.markKiosk.run(sqliteTime(now), id, sqliteTime(staleBefore))),
    findSessionByHash: (tokenHash) =>
      run((s) => {
        const row = s.findSession.get(tokenHash) as Row | undefined
        if (!row) return null
        return {
          id: row.id as string,
          expiresAt: readTime(row.expiresAt),
          revoked: row.revokedAt !== null,
          user: { id: row.userId as string, name: row.name as string, role: row.role as string, disabled: row.disabled === 1 },
        }
      }),
    findDoorState: (userId) =>
      run((s) => {
        const row = s.findDoorState.get(userId) as Row | undefined
        return row ? { grantedAt: readOptionalTime(row.grantedAt), disabled: row.disabled === 1 } : null
      }),
    findPassHolder: (userId) =>
      run((s) => {
        const row = s.findPassHolder.get(userId) as Row | undefined
        return row
          ? { id: row.id as string, name: row.name as string, disabled: row.disabled === 1, totpSecretEnc: row.totpSecretEnc as string | null }
          : null
      }),
    recordAccessEvent: (event) =>
      run((s) => s.insertEvent.get(sqliteTime(event.at), event.userId, event.kioskId, event.result, event.reason, event.input) as number),
    grantScan: (o) => run((s) => s.grantScan.immediate(o)),
    claimSlot: ({ keys, now, until }) => run((s) => s.claimSlot.immediate(JSON.stringify(keys), sqliteTime(now), sqliteTime(until))),
    releaseSlot: (key) => run((s) => void s.release.run(sqliteTime(RELEASED_SLOT_AT), key)),
    nextSlotFreeAt: ({ keys, now }) =>
      run((s) => {
        const row = s.slotsHeld.get(JSON.stringify(keys), sqliteTime(now)) as Row
        return (row.held as number) < keys.length ? null : readTime(row.soonest)
      }),
    findChallengeById: (id) => run((s) => toChallenge(s.challengeById.get(id) as Row | undefined)),
    findOpenChallenge: ({ scope, subject }) => run((s) => toChallenge(s.openChallenge.get(scope, subject) as Row | undefined)),
    consumeChallenge: ({ id, now, maxAttempts }) =>
      run((s) => {
        const at = sqliteTime(now)
        return s.consume.run(at, id, at, maxAttempts).changes === 1
      }),
    countWrongAttempt: ({ id, now, maxAttempts }) =>
      run((s) => (s.countWrong.get(id, sqliteTime(now), maxAttempts) as number | undefined) ?? null),
    close: async () => {
      prepared?.connection.close()
      prepared = null
    },
  }
}
