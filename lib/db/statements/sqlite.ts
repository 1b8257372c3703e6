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
import { doorRefusal, storedSchedule, type DoorRefusal } from '@/lib/access/door-rules'
import { credentialMappers } from './records'
import { startWalCheckpointer } from '../wal-checkpointer'
import { createWriteTurns, type WriteTurns } from '../write-turns'
import {
  ACCESS_EVENT_FACTS_FROM,
  OUTBOX_ROW_COLUMNS,
  RELEASED_SLOT_AT,
  type AccessEventFact,
  type AccessEventRecord,
  type HotStatements,
  type OutboxRowRecord,
  type ScanOutcome,
} from './types'

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

/** SQLite's own wal_autocheckpoint default, for a connection that must checkpoint itself again. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000

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

/** SQLite hands back DateTimes as ISO text and Booleans as 0 or 1. */
const credentialRecord = credentialMappers({ time: readTime, flag: (value) => value === 1 })

/** Opens the connection and prepares every statement: on first use, after migrations made the tables. */
function prepareStatements(file: string, autocheckpoint: boolean) {
  const connection = new Database(file, { timeout: 0 })
  // The WAL is synced at checkpoints, not at every commit: a committed transaction survives the
  // process being killed (it is in the WAL file), not a power cut. Decision record 0010.
  connection.pragma('synchronous = NORMAL')
  // Checkpoints are a worker thread's (lib/db/wal-checkpointer.ts), unless it failed.
  connection.pragma(`wal_autocheckpoint = ${autocheckpoint ? DEFAULT_AUTOCHECKPOINT_PAGES : 0}`)
  const prepare = (sql: string) => connection.prepare(sql)

  const countHit = prepare(
    `INSERT INTO "RateLimitCounter" ("key", "count", "expiresAt") VALUES (?, 1, ?)
     ON CONFLICT ("key") DO UPDATE SET "count" = "count" + 1 RETURNING "count"`,
  ).pluck()
  const findApiKey = prepare(`SELECT "id", "revokedAt", "lastUsedAt" FROM "ApiKey" WHERE "keyHash" = ?`)
  const markApiKey = prepare(`UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ? AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ?)`)
  const findKiosk = prepare(`SELECT "id", "name", "doorId", "revokedAt", "lastSeenAt" FROM "Kiosk" WHERE "tokenHash" = ?`)
  const markKiosk = prepare(`UPDATE "Kiosk" SET "lastSeenAt" = ? WHERE "id" = ? AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ?)`)
  const findSession = prepare(
    `SELECT s."id", s."expiresAt", s."revokedAt", u."id" AS "userId", u."name", u."role", u."disabled"
     FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = ?`,
  )
  const findCredential = { apiKey: findApiKey, kiosk: findKiosk, session: findSession }
  const findDoorState = prepare(`SELECT "grantedAt", "disabled" FROM "User" WHERE "id" = ?`)
  const heldOutboxRows = prepare(
    `SELECT ${OUTBOX_ROW_COLUMNS} FROM "OutboxMessage" WHERE "claimedBy" = ? AND "claimedUntil" > ? AND "id" > ? ORDER BY "id" LIMIT ?`,
  )
  const deleteSentOutboxRows = prepare(`DELETE FROM "OutboxMessage" WHERE "id" IN (SELECT "value" FROM json_each(?)) AND "claimedBy" = ?`)
  const markFannedOut = prepare(
    `UPDATE "OutboxMessage" SET "fannedOutAt" = ?
     WHERE "id" IN (SELECT "value" FROM json_each(?)) AND "claimedBy" = ? AND "fannedOutAt" IS NULL`,
  )
  const insertDelivery = prepare(
    `INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "type", "body", "status", "nextAttemptAt", "createdAt")
     VALUES (?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT ("endpointId", "eventId") DO NOTHING`,
  )
  // One statement for any number of ids: they come as one JSON array.
  const accessEventFacts = prepare(`${ACCESS_EVENT_FACTS_FROM} WHERE e."id" IN (SELECT "value" FROM json_each(?))`)
  const findPassHolder = prepare(`SELECT "id", "name", "disabled", "totpSecretEnc" FROM "User" WHERE "id" = ?`)
  const findPassHolderByNumber = prepare(`SELECT "id", "name", "disabled", "totpSecretEnc" FROM "User" WHERE "passNumber" = ?`)
  const insertEvent = prepare(
    // A door that does not exist (an API client's ?door= typo) is logged as none.
    `INSERT INTO "AccessEvent" ("at", "userId", "kioskId", "doorId", "result", "reason", "input")
     VALUES (?, ?, ?, (SELECT "id" FROM "Door" WHERE "id" = ?), ?, ?, ?) RETURNING "id"`,
  ).pluck()
  const insertOutboxRange = prepare(
    `INSERT INTO "OutboxMessage" ("kind", "accessEventId", "lastAccessEventId", "createdAt", "claimedBy", "claimedUntil")
     VALUES ('access', ?, ?, ?, ?, ?)`,
  )
  // The access events of this transaction that something listens to: one outbox row tells of all
  // of them, written by `writeOutboxRow` before the COMMIT. One process writes this file's events
  // at a time, so the ids of one transaction are one run (a write whose savepoint rolls back takes
  // its part of the range back with it: `inSavepoint`). A row per event was an insert and a delete
  // per scan: with the B-tree churn they made, a fifth of what a scan costs (decision 0013).
  let batchOutbox: { first: number; last: number; at: string; claimedBy: string; claimedUntil: Date } | null = null
  /** The access event; its outbox row, when something listens, is the transaction's (`writeOutboxRow`). */
  const recordEvent = (event: Omit<AccessEventRecord, 'at'> & { at: string }): number => {
    const eventId = insertEvent.get(event.at, event.userId, event.kioskId, event.doorId, event.result, event.reason, event.input) as number
    if (event.outbox) {
      if (!batchOutbox) batchOutbox = { first: eventId, last: eventId, at: event.at, ...event.outbox }
      else {
        batchOutbox.last = eventId
        if (event.outbox.claimedUntil > batchOutbox.claimedUntil) batchOutbox.claimedUntil = event.outbox.claimedUntil
      }
    }
    return eventId
  }
  /** At the end of a transaction that recorded events: the one outbox row for those something listens to. */
  const writeOutboxRow = () => {
    if (!batchOutbox) return
    const { first, last, at, claimedBy, claimedUntil } = batchOutbox
    batchOutbox = null
    insertOutboxRange.run(first, last, at, claimedBy, sqliteTime(claimedUntil))
  }
  /** A transaction that is tried again starts with no events. */
  const forgetOutbox = () => {
    batchOutbox = null
  }
  /**
   * Runs one write of the batch in its savepoint; if it rolls back, so does what it added to the
   * batch's outbox range: SQLite gives a rolled-back id to the next insert (of this transaction or
   * the next), so a range left covering it would tell of that event twice.
   */
  const inSavepoint = <T>(work: () => T): T => {
    const before = batchOutbox && { ...batchOutbox }
    try {
      return savepoint(work) as T
    } catch (error) {
      batchOutbox = before
      throw error
    }
  }
  const doorRules = prepare(`SELECT "timeZone", "lockdown" FROM "Door" WHERE "id" = ?`)
  const holdingSchedules = prepare(
    `SELECT g."schedule" FROM "AccessGroupMember" m
     JOIN "AccessGroupDoor" gd ON gd."groupId" = m."groupId" AND gd."doorId" = ?
     JOIN "AccessGroup" g ON g."id" = m."groupId"
     WHERE m."userId" = ?`,
  ).pluck()
  const countGuestUse = prepare(`UPDATE "GuestPass" SET "uses" = "uses" + 1 WHERE "userId" = ?`)
  const grant = prepare(
    `UPDATE "User" SET "lastTotpStep" = ?, "grantedAt" = ?, "updatedAt" = ?
     WHERE "id" = ? AND "disabled" = 0 AND "totpSecretEnc" = ? AND ("lastTotpStep" IS NULL OR "lastTotpStep" < ?)`,
  )
  const passNow = prepare(
    `SELECT u."disabled", u."totpSecretEnc", u."lastTotpStep", u."accessFrom", u."accessUntil",
            gp."userId" AS "guest", gp."maxUses", gp."uses", gp."revokedAt" AS "guestRevokedAt"
     FROM "User" u LEFT JOIN "GuestPass" gp ON gp."userId" = u."id" WHERE u."id" = ?`,
  )
  const release = prepare(`UPDATE "RateLimitCounter" SET "expiresAt" = ? WHERE "key" = ?`)
  /** The slot statements for a rule's number of slots, `"key" IN (?, …)` with one parameter per slot. */
  const slotStatements = new Map<number, ReturnType<typeof prepareSlotStatements>>()
  const prepareSlotStatements = (count: number) => {
    const keys = Array.from({ length: count }, () => '?').join(', ')
    return {
      claim: prepare(
        `UPDATE "RateLimitCounter" SET "count" = "count" + 1, "expiresAt" = ?
         WHERE "key" = (SELECT "key" FROM "RateLimitCounter" WHERE "key" IN (${keys}) AND "expiresAt" <= ?
                        LIMIT 1)
         RETURNING "key"`,
      ).pluck(),
      existing: prepare(`SELECT "key" FROM "RateLimitCounter" WHERE "key" IN (${keys})`).pluck(),
      held: prepare(
        `SELECT count(*) AS "held", min("expiresAt") AS "soonest" FROM "RateLimitCounter"
         WHERE "key" IN (${keys}) AND "expiresAt" > ?`,
      ),
    }
  }
  const slots = (count: number) => {
    let statements = slotStatements.get(count)
    if (!statements) slotStatements.set(count, (statements = prepareSlotStatements(count)))
    return statements
  }
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

  // grantScan and claimSlot are several statements that must commit or roll back together. They run
  // only as writes of a batch (createSqliteStatements' `write`), which wraps each in a savepoint of
  // its own: a transaction here too would nest a second savepoint for nothing.
  const grantScan = (o: Parameters<HotStatements['grantScan']>[0]): Awaited<ReturnType<HotStatements['grantScan']>> => {
    const at = sqliteTime(o.now)
    const budget = slots(o.budget.keys.length).held.get(...o.budget.keys, at) as Row
    if ((budget.held as number) >= o.budget.keys.length) return { outcome: 'budget_spent' }
    const holder = passNow.get(o.userId) as Row | undefined
    let outcome: ScanOutcome = !holder
      ? 'unknown_user'
      : holder.disabled || holder.guestRevokedAt !== null
        ? 'disabled_user'
        : holder.totpSecretEnc !== o.totpSecretEnc
          ? 'wrong_code'
          : // A used code is a replay whatever the door says: no need to read its rules (most
            // refused scans at a kiosk are a pass still in front of the camera).
            holder.lastTotpStep !== null && (holder.lastTotpStep as number) >= o.step
            ? 'replay'
            : (o.doorId && refusalAt(o.doorId, o.userId, o.now, holder)) || 'granted'
    if (outcome === 'granted') {
      const { changes } = grant.run(o.step, at, at, o.userId, o.totpSecretEnc, o.step)
      if (changes !== 1) outcome = 'replay'
      else if (holder!.guest !== null && o.doorId) countGuestUse.run(o.userId)
    }
    const userId = outcome === 'unknown_user' ? null : o.userId
    const result = outcome === 'granted' ? 'granted' : 'denied'
    const eventId = recordEvent({
      at,
      userId,
      kioskId: o.kioskId,
      doorId: o.doorId,
      result,
      reason: outcome,
      input: null,
      outbox: o.outbox,
    })
    return { outcome, eventId }
  }
  /** The door's rules, read inside the grant's transaction (lib/access/door-rules.ts). */
  const refusalAt = (doorId: string, userId: string, now: Date, holder: Row): DoorRefusal | null => {
    const door = doorRules.get(doorId) as Row | undefined
    return doorRefusal({
      now,
      door: door ? { timeZone: door.timeZone as string, lockdown: door.lockdown === 1 } : null,
      holder: {
        accessFrom: readOptionalTime(holder.accessFrom),
        accessUntil: readOptionalTime(holder.accessUntil),
        maxUses: holder.maxUses as number | null,
        uses: (holder.uses as number | null) ?? 0,
      },
      schedules: (holdingSchedules.all(doorId, userId) as string[]).map(storedSchedule),
    })
  }

  const insertSlot = prepare(`INSERT INTO "RateLimitCounter" ("key", "count", "expiresAt") VALUES (?, 1, ?)`)
  const claimSlot = (keys: string[], now: string, until: string): string | null => {
    const { claim, existing } = slots(keys.length)
    const claimed = claim.get(until, ...keys, now) as string | undefined
    if (claimed) return claimed
    // Slot rows are made when first claimed (and housekeeping deletes free ones): take a missing one.
    const present = new Set(existing.all(...keys) as string[])
    const missing = keys.find((key) => !present.has(key))
    if (!missing) return null
    insertSlot.run(missing, until)
    return missing
  }

  /** The batch's transaction, and a savepoint per write inside it (better-sqlite3 nests transactions as savepoints). */
  const commitBatch = connection.transaction((writeAll: () => void) => writeAll())
  const savepoint = connection.transaction(<T>(work: () => T): T => work())

  /** One slot of every group, in a savepoint of its own: a group with none free rolls the others back. */
  const noneFree = new Error('no free slot')
  const claimSlotsTogether = (groups: { keys: string[]; until: string }[], now: string): string[] | null => {
    try {
      return savepoint(() =>
        groups.map((group) => {
          const claimed = claimSlot(group.keys, now, group.until)
          if (!claimed) throw noneFree
          return claimed
        }),
      ) as string[]
    } catch (error) {
      if (error === noneFree) return null
      throw error
    }
  }
  return {
    connection,
    commitBatch,
    savepoint,
    countHit,
    findCredential,
    findApiKey,
    markApiKey,
    findKiosk,
    markKiosk,
    findSession,
    findDoorState,
    findPassHolder,
    accessEventFacts,
    heldOutboxRows,
    deleteSentOutboxRows,
    markFannedOut,
    insertDelivery,
    findPassHolderByNumber,
    recordEvent,
    writeOutboxRow,
    forgetOutbox,
    inSavepoint,
    release,
    grantScan,
    claimSlot,
    claimSlotsTogether,
    slots,
    challengeById,
    openChallenge,
    consume,
    countWrong,
  }
}

type Prepared = ReturnType<typeof prepareStatements>

/** fanOutOutboxRows found a row taken by another instance (or fanned out): its savepoint rolls back. */
const outboxRowsTaken = new Error('outbox rows taken by another instance')

interface PendingWrite {
  work: (s: Prepared) => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

export function createSqliteStatements(file: string, busyTimeoutMs: number, turns: WriteTurns = createWriteTurns()): HotStatements {
  let prepared: Prepared | null = null
  let autocheckpoint = false
  const checkpointer = startWalCheckpointer({
    file,
    onFailure: () => {
      autocheckpoint = true
      prepared?.connection.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`)
    },
  })
  const statements = () => (prepared ??= prepareStatements(file, autocheckpoint))
  const read = <T>(work: (s: Prepared) => T) => retryWhileBusyAsync(() => work(statements()), busyTimeoutMs)

  // Group commit: the writes that requests ask for within one turn of the event loop are committed
  // together, each in a savepoint of one BEGIN IMMEDIATE … COMMIT, and each request hears its
  // answer only after that COMMIT. Each write's rule is still decided by its own statements inside
  // the transaction (SQLite runs them one after the other); a write that fails rolls back its own
  // savepoint only. Committing 32 scans at once writes the access log's index pages to the WAL once
  // instead of 32 times: the WAL writes are most of what a scan costs here. Decision record 0010.
  let queue: PendingWrite[] = []
  const write = <T>(work: (s: Prepared) => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush)
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
    })
  async function flush() {
    const batch = queue
    queue = []
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = []
    // After this process's Prisma transaction that holds the lock, if any (lib/db/write-turns.ts).
    const endTurn = await turns.take()
    try {
      await retryWhileBusyAsync(() => {
        outcomes.length = 0
        const s = statements()
        s.forgetOutbox()
        s.commitBatch.immediate(() => {
          for (const pending of batch) {
            try {
              outcomes.push({ ok: true, value: s.inSavepoint(() => pending.work(s)) })
            } catch (error) {
              outcomes.push({ ok: false, error })
            }
          }
          s.writeOutboxRow()
        })
      }, busyTimeoutMs)
    } catch (error) {
      for (const pending of batch) pending.reject(error)
      return
    } finally {
      endTurn()
    }
    batch.forEach((pending, index) => {
      const outcome = outcomes[index]!
      if (outcome.ok) pending.resolve(outcome.value)
      else pending.reject(outcome.error)
    })
    if (checkpointer.restartDue()) catchUpCheckpoint()
  }

  /**
   * Copies what the worker's last checkpoint left, between two of this connection's commits, so that
   * the whole WAL is copied and the next writer starts it again (lib/db/wal-checkpointer.ts).
   */
  function catchUpCheckpoint() {
    if (!prepared) return
    try {
      // busy = 1: the worker's checkpoint is under way; again after the next commit.
      const [result] = prepared.connection.pragma('wal_checkpoint(PASSIVE)') as { busy: number }[]
      if (result?.busy === 0) checkpointer.caughtUp()
    } catch (error) {
      console.warn('[qr-door] WAL checkpoint failed:', (error as Error).message)
    }
  }

  return {
    dialect: 'sqlite',
    countRateLimitHit: ({ key, expiresAt }) => write((s) => s.countHit.get(key, sqliteTime(expiresAt)) as number),
    countHitAndFindCredential: ({ key, expiresAt, credential }) =>
      write((s) => {
        const count = s.countHit.get(key, sqliteTime(expiresAt)) as number
        const row = s.findCredential[credential.table].get(credential.tokenHash) as Row | undefined
        return { count, found: credentialRecord[credential.table](row) }
      }),
    findApiKeyByHash: (keyHash) => read((s) => credentialRecord.apiKey(s.findApiKey.get(keyHash) as Row | undefined)),
    markApiKeyUsed: ({ id, now, staleBefore }) => write((s) => void s.markApiKey.run(sqliteTime(now), id, sqliteTime(staleBefore))),
    findKioskByHash: (tokenHash) => read((s) => credentialRecord.kiosk(s.findKiosk.get(tokenHash) as Row | undefined)),
    markKioskSeen: ({ id, now, staleBefore }) => write((s) => void s.markKiosk.run(sqliteTime(now), id, sqliteTime(staleBefore))),
    findSessionByHash: (tokenHash) => read((s) => credentialRecord.session(s.findSession.get(tokenHash) as Row | undefined)),
    findDoorState: (userId) =>
      read((s) => {
        const row = s.findDoorState.get(userId) as Row | undefined
        return row ? { grantedAt: readOptionalTime(row.grantedAt), disabled: row.disabled === 1 } : null
      }),
    readHeldOutboxRows: ({ instanceId, now, afterId, limit }) =>
      read((s) =>
        (s.heldOutboxRows.all(instanceId, sqliteTime(now), afterId, limit) as Row[]).map(
          (row) =>
            ({ ...row, createdAt: readTime(row.createdAt), fannedOutAt: readOptionalTime(row.fannedOutAt) }) as unknown as OutboxRowRecord,
        ),
      ),
    deleteSentOutboxRows: ({ ids, instanceId }) =>
      ids.length === 0 ? Promise.resolve(0) : write((s) => s.deleteSentOutboxRows.run(JSON.stringify(ids), instanceId).changes),
    fanOutOutboxRows: ({ ids, instanceId, now, deliveries }) =>
      write((s) => {
        const at = sqliteTime(now)
        if (s.markFannedOut.run(at, JSON.stringify(ids), instanceId).changes !== ids.length) throw outboxRowsTaken
        for (const d of deliveries) s.insertDelivery.run(d.id, d.endpointId, d.eventId, d.type, d.body, at, at)
        return true
      }).catch((error: unknown) => {
        // Thrown inside the write's savepoint, which rolled the marks back.
        if (error === outboxRowsTaken) return false
        throw error
      }),
    readAccessEventFacts: (ids) =>
      ids.length === 0
        ? Promise.resolve([])
        : read((s) =>
            (s.accessEventFacts.all(JSON.stringify(ids)) as Row[]).map(
              (row) => ({ ...row, at: readTime(row.at) }) as unknown as AccessEventFact,
            ),
          ),
    findPassHolder: (userId) =>
      read((s) => {
        const row = s.findPassHolder.get(userId) as Row | undefined
        return row
          ? {
              id: row.id as string,
              name: row.name as string,
              disabled: row.disabled === 1,
              totpSecretEnc: row.totpSecretEnc as string | null,
            }
          : null
      }),
    findPassHolderByNumber: (passNumber) =>
      read((s) => {
        const row = s.findPassHolderByNumber.get(passNumber) as Row | undefined
        return row
          ? {
              id: row.id as string,
              name: row.name as string,
              disabled: row.disabled === 1,
              totpSecretEnc: row.totpSecretEnc as string | null,
            }
          : null
      }),
    recordAccessEvent: (event) => write((s) => s.recordEvent({ ...event, at: sqliteTime(event.at) })),
    grantScan: (o) => write((s) => s.grantScan(o)),
    claimSlot: ({ keys, now, until }) => write((s) => s.claimSlot(keys, sqliteTime(now), sqliteTime(until))),
    claimSlotsTogether: ({ groups, now }) =>
      write((s) =>
        s.claimSlotsTogether(
          groups.map((group) => ({ keys: group.keys, until: sqliteTime(group.until) })),
          sqliteTime(now),
        ),
      ),
    releaseSlot: (key) => write((s) => void s.release.run(sqliteTime(RELEASED_SLOT_AT), key)),
    nextSlotFreeAt: ({ keys, now }) =>
      read((s) => {
        const row = s.slots(keys.length).held.get(...keys, sqliteTime(now)) as Row
        return (row.held as number) < keys.length ? null : readTime(row.soonest)
      }),
    findChallengeById: (id) => read((s) => toChallenge(s.challengeById.get(id) as Row | undefined)),
    findOpenChallenge: ({ scope, subject }) => read((s) => toChallenge(s.openChallenge.get(scope, subject) as Row | undefined)),
    consumeChallenge: ({ id, now, maxAttempts, budgets = [] }) =>
      write((s) => {
        const at = sqliteTime(now)
        for (const keys of budgets) {
          if (keys.length === 0) continue
          const budget = s.slots(keys.length).held.get(...keys, at) as Row
          if ((budget.held as number) >= keys.length) return 'budget_spent'
        }
        return s.consume.run(at, id, at, maxAttempts).changes === 1 ? 'consumed' : 'not_usable'
      }),
    countWrongAttempt: ({ id, now, maxAttempts }) =>
      write((s) => (s.countWrong.get(id, sqliteTime(now), maxAttempts) as number | undefined) ?? null),
    close: async () => {
      await checkpointer.stop()
      prepared?.connection.close()
      prepared = null
    },
  }
}
