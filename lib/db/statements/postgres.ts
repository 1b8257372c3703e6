// The hot-path statements on PostgreSQL: named prepared statements (node-postgres parses each once
// per connection) on pipelined connections of their own (lib/db/pipelined-connections.ts; Prisma
// keeps its pool). Every rule is one statement; where a rule needs
// several steps they are data-modifying CTEs of that one statement, so a scan is one round trip.
//
// Prisma stores DateTime as `timestamp(3)` (without time zone) holding UTC. Parameters are passed as
// ISO strings, whose "Z" PostgreSQL ignores for that type, and timestamps are read back as UTC here,
// whatever the process's time zone.
import pg from 'pg'
import type { OtpChallenge } from '../generated/sqlite/client'
import {
  ACCESS_EVENT_FACTS_FROM,
  OUTBOX_ROW_COLUMNS,
  RELEASED_SLOT_AT,
  type AccessEventFact,
  type OutboxRowRecord,
  type OutboxClaim,
  type CredentialRecords,
  type CredentialTable,
  type HotStatements,
  type ScanOutcome,
} from './types'
import type { QueryRunner } from '../pipelined-connections'
import { credentialMappers } from './records'

const TIMESTAMP_OID = 1114

const parseUtcTimestamp = (value: string) => new Date(value.replace(' ', 'T') + 'Z')
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID ? parseUtcTimestamp : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
}

const iso = (date: Date) => date.toISOString()

type Row = Record<string, unknown>

/**
 * CTEs ending in `budget("open")`: whether every guess budget (the slot keys in each parameter of
 * `keys`; an empty array means no budget) has a slot free at parameter `now`. The free slots are
 * share-locked for the statement, so no wrong code can claim them meanwhile (claimers skip locked
 * rows; a row being claimed is waited for and re-checked). Missing slot rows are free: they are
 * made when first claimed.
 */
function budgetOpen(keys: string[], now: string): string {
  const freeSlots = keys.map(
    (param, i) => `free_slot${i} AS (
           SELECT "key" FROM "RateLimitCounter" WHERE "key" = ANY(${param}::text[]) AND "expiresAt" <= ${now}
           ORDER BY "key" LIMIT 1 FOR SHARE
         )`,
  )
  const open = keys.map(
    (param, i) => `(cardinality(${param}::text[]) = 0 OR EXISTS (SELECT 1 FROM free_slot${i})
               OR (SELECT count(*) FROM "RateLimitCounter" WHERE "key" = ANY(${param}::text[])) < cardinality(${param}::text[]))`,
  )
  return `${freeSlots.join(', ')}, budget AS (
           SELECT ${open.join(' AND ')} AS "open"
         )`
}

/** Makes the slot rows of $1 that do not exist yet, free ($2 is RELEASED_SLOT_AT). */
const CREATE_SLOTS = `INSERT INTO "RateLimitCounter" ("key", "count", "expiresAt")
         SELECT "key", 0, $2 FROM unnest($1::text[]) AS "key" ON CONFLICT ("key") DO NOTHING`

/**
 * One free slot of each of `groups` groups claimed in one statement, or none: $1…$n are the groups'
 * keys, $n+1…$2n their holds' ends, $2n+1 is now. Each group's free slot is picked as claimSlot
 * picks it (SKIP LOCKED); the UPDATE takes them only when every group had one.
 */
function claimSlotsTogetherSql(groups: number): string {
  const picks = Array.from(
    { length: groups },
    (_, i) => `pick${i} AS (
           SELECT "key", $${groups + 1 + i}::timestamp(3) AS "until" FROM "RateLimitCounter"
           WHERE "key" = ANY($${i + 1}::text[]) AND "expiresAt" <= $${2 * groups + 1}
           ORDER BY "key" LIMIT 1 FOR UPDATE SKIP LOCKED
         )`,
  )
  const picked = Array.from({ length: groups }, (_, i) => `SELECT "key", "until" FROM pick${i}`).join(' UNION ALL ')
  return `WITH ${picks.join(', ')}, picked AS (${picked})
         UPDATE "RateLimitCounter" c SET "count" = c."count" + 1, "expiresAt" = p."until" FROM picked p
         WHERE c."key" = p."key" AND (SELECT count(*) FROM picked) = ${groups}
         RETURNING c."key"`
}

/** node-postgres hands back DateTimes as Dates (the timestamp parser above) and Booleans as booleans. */
const {
  apiKey: toApiKey,
  kiosk: toKiosk,
  session: toSession,
} = credentialMappers({
  time: (value) => value as Date,
  flag: (value) => value as boolean,
})

/** Each credential's look-up: the columns it reads (no column may be called "count"), the FROM clause and the hash's column. */
const credentialLookups: {
  [T in CredentialTable]: { select: string; from: string; hash: string; record: (row: Row | null) => CredentialRecords[T] | null }
} = {
  apiKey: { select: `c."id", c."revokedAt", c."lastUsedAt"`, from: `"ApiKey" c`, hash: `c."keyHash"`, record: toApiKey },
  kiosk: {
    select: `c."id", c."name", c."doorId", c."revokedAt", c."lastSeenAt"`,
    from: `"Kiosk" c`,
    hash: `c."tokenHash"`,
    record: toKiosk,
  },
  session: {
    select: `c."id", c."expiresAt", c."revokedAt", u."id" AS "userId", u."name", u."role", u."disabled"`,
    from: `"Session" c JOIN "User" u ON u."id" = c."userId"`,
    hash: `c."tokenHash"`,
    record: toSession,
  },
}

/**
 * The CTE that writes an access event's outbox row (lib/events/outbox.ts) from the CTE `event`'s
 * row (its id, doorId and at), when $8 (the claiming instance) is not null; $9 is when its claim
 * ends. Every statement using it has its own parameters in $1…$7.
 */
const OUTBOX_INSERT = `outbox AS (
           INSERT INTO "OutboxMessage" ("kind", "doorId", "accessEventId", "createdAt", "claimedBy", "claimedUntil")
           SELECT 'access', event."doorId", event."id", event."at", $8, $9
           FROM event WHERE $8::text IS NOT NULL
         )`

const outboxValues = (claim: OutboxClaim | null) => [claim?.claimedBy ?? null, claim ? iso(claim.claimedUntil) : null]

const COUNT_HIT = `INSERT INTO "RateLimitCounter" ("key", "count", "expiresAt") VALUES ($1, 1, $2)
         ON CONFLICT ("key") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1 RETURNING "count"`

/**
 * `connections` run every statement that decides a rule. `counterConnections` (synchronous_commit off) run the
 * request counters and last-seen stamps: every request from one address updates the same counter
 * row, and waiting for that row's WAL flush capped a whole instance at ~2,500 requests/s here. A
 * PostgreSQL crash (not an app crash) can lose the last fraction of a second of those counts;
 * grants, access events, code checks and guess budgets are never written that way.
 */
export function createPostgresStatements(connections: QueryRunner, counterConnections: QueryRunner = connections): HotStatements {
  async function query<R extends Row = Row>(name: string, text: string, values: unknown[], on: QueryRunner = connections): Promise<R[]> {
    const result = await on.query<R>({ name: `qrdoor_${name}`, text, values, types })
    return result.rows
  }
  async function one<R extends Row = Row>(name: string, text: string, values: unknown[], on: QueryRunner = connections): Promise<R | null> {
    return (await query<R>(name, text, values, on))[0] ?? null
  }

  const toChallenge = (row: Row | null) => (row ? (row as unknown as OtpChallenge) : null)

  return {
    dialect: 'postgres',
    async countRateLimitHit({ key, expiresAt }) {
      const row = await one<{ count: number }>('count_hit', COUNT_HIT, [key, iso(expiresAt)], counterConnections)
      return row!.count
    },
    async countHitAndFindCredential({ key, expiresAt, credential }) {
      // On the counter connections, as the count is the statement's only write; the look-up is a plain read.
      const lookup = credentialLookups[credential.table]
      const row = await one(
        `count_hit_find_${credential.table}`,
        `WITH hit AS (${COUNT_HIT})
         SELECT hit."count", ${lookup.select} FROM hit LEFT JOIN ${lookup.from} ON ${lookup.hash} = $3`,
        [key, iso(expiresAt), credential.tokenHash],
        counterConnections,
      )
      return { count: row!.count as number, found: lookup.record(row!.id === null ? null : row) }
    },
    async findApiKeyByHash(keyHash) {
      return toApiKey(await one('find_api_key', `SELECT "id", "revokedAt", "lastUsedAt" FROM "ApiKey" WHERE "keyHash" = $1`, [keyHash]))
    },
    async markApiKeyUsed({ id, now, staleBefore }) {
      await query(
        'mark_api_key',
        `UPDATE "ApiKey" SET "lastUsedAt" = $1 WHERE "id" = $2 AND ("lastUsedAt" IS NULL OR "lastUsedAt" < $3)`,
        [iso(now), id, iso(staleBefore)],
        counterConnections,
      )
    },
    async findKioskByHash(tokenHash) {
      return toKiosk(
        await one('find_kiosk', `SELECT "id", "name", "doorId", "revokedAt", "lastSeenAt" FROM "Kiosk" WHERE "tokenHash" = $1`, [
          tokenHash,
        ]),
      )
    },
    async markKioskSeen({ id, now, staleBefore }) {
      await query(
        'mark_kiosk',
        `UPDATE "Kiosk" SET "lastSeenAt" = $1 WHERE "id" = $2 AND ("lastSeenAt" IS NULL OR "lastSeenAt" < $3)`,
        [iso(now), id, iso(staleBefore)],
        counterConnections,
      )
    },
    async findSessionByHash(tokenHash) {
      const row = await one(
        'find_session',
        `SELECT s."id", s."expiresAt", s."revokedAt", u."id" AS "userId", u."name", u."role", u."disabled"
         FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = $1`,
        [tokenHash],
      )
      return toSession(row)
    },
    async findDoorState(userId) {
      const row = await one('door_state', `SELECT "grantedAt", "disabled" FROM "User" WHERE "id" = $1`, [userId])
      return row ? { grantedAt: row.grantedAt as Date | null, disabled: row.disabled as boolean } : null
    },
    async readAccessEventFacts(ids) {
      if (ids.length === 0) return []
      const rows = await query('access_event_facts', `${ACCESS_EVENT_FACTS_FROM} WHERE e."id" = ANY($1::int[])`, [ids])
      return rows as unknown as AccessEventFact[]
    },
    async readHeldOutboxRows({ instanceId, now, afterId, limit }) {
      const rows = await query(
        'held_outbox_rows',
        `SELECT ${OUTBOX_ROW_COLUMNS} FROM "OutboxMessage"
         WHERE "claimedBy" = $1 AND "claimedUntil" > $2 AND "id" > $3 ORDER BY "id" LIMIT $4`,
        [instanceId, iso(now), afterId, limit],
      )
      return rows as unknown as OutboxRowRecord[]
    },
    async deleteSentOutboxRows({ ids, instanceId }) {
      if (ids.length === 0) return 0
      const result = await connections.query({
        name: 'qrdoor_delete_sent_outbox_rows',
        text: `DELETE FROM "OutboxMessage" WHERE "id" = ANY($1::int[]) AND "claimedBy" = $2`,
        values: [ids, instanceId],
      })
      return result.rowCount ?? 0
    },
    async fanOutOutboxRows({ ids, instanceId, now, deliveries }) {
      // Locks the rows that are still ours and not fanned out; only if that is every one of them
      // are they marked and the deliveries written. One statement: all or nothing.
      const [row] = await query(
        'fan_out_outbox_rows',
        `WITH pending AS (
           SELECT "id" FROM "OutboxMessage"
           WHERE "id" = ANY($2::int[]) AND "claimedBy" = $3 AND "fannedOutAt" IS NULL FOR UPDATE
         ),
         complete AS (SELECT count(*) = cardinality($2::int[]) AS "ok" FROM pending),
         marked AS (
           UPDATE "OutboxMessage" o SET "fannedOutAt" = $1 FROM complete
           WHERE complete."ok" AND o."id" IN (SELECT "id" FROM pending) RETURNING o."id"
         ),
         written AS (
           INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "type", "body", "status", "nextAttemptAt", "createdAt")
           SELECT d."id", d."endpointId", d."eventId", d."type", d."body", 'queued', $1, $1
           FROM jsonb_to_recordset($4::jsonb) AS d("id" text, "endpointId" text, "eventId" text, "type" text, "body" text), complete
           WHERE complete."ok"
           ON CONFLICT ("endpointId", "eventId") DO NOTHING
           RETURNING 1
         )
         SELECT (SELECT "ok" FROM complete) AS "ok", (SELECT count(*) FROM marked) AS "marked", (SELECT count(*) FROM written) AS "written"`,
        [iso(now), ids, instanceId, JSON.stringify(deliveries)],
      )
      return row?.ok === true
    },
    async findPassHolder(userId) {
      const row = await one('pass_holder', `SELECT "id", "name", "disabled", "totpSecretEnc" FROM "User" WHERE "id" = $1`, [userId])
      return row as { id: string; name: string; disabled: boolean; totpSecretEnc: string | null } | null
    },
    async findPassHolderByNumber(passNumber) {
      const row = await one(
        'pass_holder_by_number',
        `SELECT "id", "name", "disabled", "totpSecretEnc" FROM "User" WHERE "passNumber" = $1`,
        [passNumber],
      )
      return row as { id: string; name: string; disabled: boolean; totpSecretEnc: string | null } | null
    },
    async recordAccessEvent(event) {
      const row = await one<{ id: number }>(
        'record_event',
        // A door that does not exist (an API client's ?door= typo) is logged as none. The outbox row
        // ($8: written only when something listens) goes in with the event, in this one statement.
        `WITH event AS (
           INSERT INTO "AccessEvent" ("at", "userId", "kioskId", "doorId", "result", "reason", "input")
           VALUES ($1, $2, $3, (SELECT "id" FROM "Door" WHERE "id" = $4), $5, $6, $7) RETURNING "id", "doorId", "at"
         ), ${OUTBOX_INSERT}
         SELECT "id" FROM event`,
        [iso(event.at), event.userId, event.kioskId, event.doorId, event.result, event.reason, event.input, ...outboxValues(event.outbox)],
      )
      return row!.id
    },
    async grantScan(o) {
      // The budget first (budgetOpen). The conditional UPDATE takes the user's row lock: of parallel
      // scans of one code, the first grants, and the others re-check its WHERE against the committed
      // row and match nothing. At a door ($7), `refusal` applies its rules as lib/access/door-rules.ts
      // does, the schedule read in the door's time zone ('HH:MM' texts compare in the "C" collation).
      // A guest pass's row is locked (FOR UPDATE) before its uses are read, so parallel scans of one
      // guest pass see each other's uses: one use left is one grant.
      // The other reads see the rows as this statement began, which is enough to name a refusal.
      const row = await one<{ id: number; reason: ScanOutcome | 'budget_spent' }>(
        'grant_scan',
        `WITH ${budgetOpen(['$6'], '$3')}, guest AS (
           SELECT "maxUses", "uses", "revokedAt" FROM "GuestPass" WHERE "userId" = $1 FOR UPDATE
         ), holder AS (
           SELECT u."disabled", u."totpSecretEnc", u."lastTotpStep", u."accessFrom", u."accessUntil" FROM "User" u WHERE u."id" = $1
         ), door AS (
           SELECT "lockdown", ($3::timestamp AT TIME ZONE 'UTC') AT TIME ZONE "timeZone" AS "localNow" FROM "Door" WHERE "id" = $7
         ), local_now AS (
           SELECT to_char("localNow", 'dy') AS "day", to_char("localNow" - interval '1 day', 'dy') AS "dayBefore",
                  to_char("localNow", 'HH24:MI') COLLATE "C" AS "time"
           FROM door
         ), holding AS (
           SELECT g."schedule"::jsonb AS "windows" FROM "AccessGroupMember" m
           JOIN "AccessGroupDoor" gd ON gd."groupId" = m."groupId" AND gd."doorId" = $7
           JOIN "AccessGroup" g ON g."id" = m."groupId"
           WHERE m."userId" = $1
         ), refusal AS (
           SELECT CASE
             WHEN $7::text IS NULL THEN NULL
             WHEN NOT EXISTS (SELECT 1 FROM door) THEN 'no_access'
             WHEN (SELECT "lockdown" FROM door) THEN 'lockdown'
             WHEN (SELECT "accessFrom" FROM holder) > $3 THEN 'not_yet_valid'
             WHEN (SELECT "accessUntil" FROM holder) <= $3 THEN 'access_expired'
             WHEN EXISTS (SELECT 1 FROM guest WHERE "maxUses" IS NOT NULL AND "uses" >= "maxUses") THEN 'uses_exhausted'
             WHEN NOT EXISTS (SELECT 1 FROM holding) THEN 'no_access'
             WHEN NOT EXISTS (
               SELECT 1 FROM holding h, local_now l
               WHERE jsonb_array_length(h."windows") = 0 OR EXISTS (
                 SELECT 1 FROM jsonb_array_elements(h."windows") w
                 WHERE CASE WHEN (w->>'from') COLLATE "C" < (w->>'to') COLLATE "C"
                   THEN w->'days' ? l."day" AND l."time" >= (w->>'from') COLLATE "C" AND l."time" < (w->>'to') COLLATE "C"
                   ELSE (w->'days' ? l."day" AND l."time" >= (w->>'from') COLLATE "C")
                     OR (w->'days' ? l."dayBefore" AND l."time" < (w->>'to') COLLATE "C")
                 END
               )
             ) THEN 'outside_schedule'
           END AS "reason"
         ), granted AS (
           UPDATE "User" SET "lastTotpStep" = $2, "grantedAt" = $3, "updatedAt" = $3
           WHERE "id" = $1 AND "disabled" = false AND "totpSecretEnc" = $4
             AND ("lastTotpStep" IS NULL OR "lastTotpStep" < $2) AND (SELECT "open" FROM budget)
             AND NOT EXISTS (SELECT 1 FROM guest WHERE "revokedAt" IS NOT NULL)
             AND (SELECT "reason" FROM refusal) IS NULL
           RETURNING "id"
         ), used AS (
           UPDATE "GuestPass" SET "uses" = "uses" + 1
           WHERE "userId" = $1 AND $7::text IS NOT NULL AND EXISTS (SELECT 1 FROM granted)
           RETURNING 1
         ), outcome AS (
           SELECT CASE
             WHEN NOT (SELECT "open" FROM budget) THEN 'budget_spent'
             WHEN EXISTS (SELECT 1 FROM granted) THEN 'granted'
             WHEN NOT EXISTS (SELECT 1 FROM holder) THEN 'unknown_user'
             WHEN (SELECT "disabled" FROM holder) OR EXISTS (SELECT 1 FROM guest WHERE "revokedAt" IS NOT NULL) THEN 'disabled_user'
             WHEN (SELECT "totpSecretEnc" FROM holder) IS DISTINCT FROM $4 THEN 'wrong_code'
             WHEN (SELECT "lastTotpStep" FROM holder) >= $2 THEN 'replay'
             WHEN (SELECT "reason" FROM refusal) IS NOT NULL THEN (SELECT "reason" FROM refusal)
             ELSE 'replay'
           END AS "reason"
         ), event AS (
           INSERT INTO "AccessEvent" ("at", "userId", "kioskId", "doorId", "result", "reason")
           SELECT $3, CASE WHEN "reason" = 'unknown_user' THEN NULL ELSE $1 END, $5, (SELECT "id" FROM "Door" WHERE "id" = $7),
                  CASE WHEN "reason" = 'granted' THEN 'granted' ELSE 'denied' END, "reason"
           FROM outcome WHERE "reason" <> 'budget_spent'
           RETURNING "id", "reason", "doorId", "at"
         ), ${OUTBOX_INSERT}
         SELECT "id", "reason" FROM event`,
        [o.userId, o.step, iso(o.now), o.totpSecretEnc, o.kioskId, o.budget.keys, o.doorId, ...outboxValues(o.outbox)],
      )
      return row ? { outcome: row.reason as ScanOutcome, eventId: row.id } : { outcome: 'budget_spent' }
    },
    async claimSlot({ keys, now, until }) {
      // SKIP LOCKED: parallel claimers each take a different free slot; a row another claimer took
      // and committed since this statement began is re-checked and no longer free. ORDER BY "key"
      // keeps the plan on the primary key: ordered by "expiresAt", PostgreSQL walked the whole
      // expiresAt index of every counter for a LIMIT 1 (200 verifies/s on the bench).
      const claim = () =>
        one<{ key: string }>(
          'claim_slot',
          `UPDATE "RateLimitCounter" SET "count" = "count" + 1, "expiresAt" = $3
           WHERE "key" = (SELECT "key" FROM "RateLimitCounter"
                          WHERE "key" = ANY($1::text[]) AND "expiresAt" <= $2
                          ORDER BY "key" LIMIT 1 FOR UPDATE SKIP LOCKED)
           RETURNING "key"`,
          [keys, iso(now), iso(until)],
        )
      const claimed = await claim()
      if (claimed) return claimed.key
      // Slot rows are made on first use (and housekeeping deletes free ones): make the missing ones,
      // then claim again; a parallel claimer may have made them, so try whether or not we did.
      await query('create_slots', CREATE_SLOTS, [keys, iso(RELEASED_SLOT_AT)])
      return (await claim())?.key ?? null
    },
    async claimSlotsTogether({ groups, now }) {
      const text = claimSlotsTogetherSql(groups.length)
      const values = [...groups.map((group) => group.keys), ...groups.map((group) => iso(group.until)), iso(now)]
      const claim = async () => {
        const rows = await query<{ key: string }>(`claim_slots_${groups.length}`, text, values)
        if (rows.length !== groups.length) return null
        const claimed = new Set(rows.map((row) => row.key))
        return groups.map((group) => group.keys.find((key) => claimed.has(key))!)
      }
      const claimed = await claim()
      if (claimed) return claimed
      // As in claimSlot: make the missing slot rows, then try once more.
      await query('create_slots', CREATE_SLOTS, [groups.flatMap((group) => group.keys), iso(RELEASED_SLOT_AT)])
      return claim()
    },
    async releaseSlot(key) {
      await query('release_slot', `UPDATE "RateLimitCounter" SET "expiresAt" = $1 WHERE "key" = $2`, [iso(RELEASED_SLOT_AT), key])
    },
    async nextSlotFreeAt({ keys, now }) {
      const row = await one<{ held: number; soonest: Date | null }>(
        'slots_held',
        `SELECT count(*)::int AS "held", min("expiresAt") AS "soonest" FROM "RateLimitCounter"
         WHERE "key" = ANY($1::text[]) AND "expiresAt" > $2`,
        [keys, iso(now)],
      )
      return row!.held < keys.length ? null : row!.soonest
    },
    async findChallengeById(id) {
      return toChallenge(await one('challenge_by_id', `SELECT * FROM "OtpChallenge" WHERE "id" = $1`, [id]))
    },
    async findOpenChallenge({ scope, subject }) {
      return toChallenge(
        await one(
          'open_challenge',
          `SELECT * FROM "OtpChallenge" WHERE "scope" = $1 AND "subject" = $2 AND "consumedAt" IS NULL
           ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
          [scope, subject],
        ),
      )
    },
    async consumeChallenge({ id, now, maxAttempts, budgets = [] }) {
      // No budget is one empty group: open.
      const groups = budgets.length > 0 ? budgets : [[]]
      const params = groups.map((_, i) => `$${4 + i}`)
      const row = await one<{ open: boolean; consumed: boolean }>(
        groups.length === 1 ? 'consume_challenge' : `consume_challenge_${groups.length}`,
        `WITH ${budgetOpen(params, '$2')}, consumed AS (
           UPDATE "OtpChallenge" SET "consumedAt" = $2
           WHERE "id" = $1 AND "consumedAt" IS NULL AND "expiresAt" > $2 AND "attempts" < $3 AND (SELECT "open" FROM budget)
           RETURNING "id"
         )
         SELECT (SELECT "open" FROM budget) AS "open", EXISTS (SELECT 1 FROM consumed) AS "consumed"`,
        [id, iso(now), maxAttempts, ...groups],
      )
      return !row!.open ? 'budget_spent' : row!.consumed ? 'consumed' : 'not_usable'
    },
    async countWrongAttempt({ id, now, maxAttempts }) {
      const row = await one<{ attempts: number }>(
        'count_wrong_attempt',
        `UPDATE "OtpChallenge" SET "attempts" = "attempts" + 1
         WHERE "id" = $1 AND "consumedAt" IS NULL AND "expiresAt" > $2 AND "attempts" < $3 RETURNING "attempts"`,
        [id, iso(now), maxAttempts],
      )
      return row?.attempts ?? null
    },
    async close() {
      // The connections are ended by their owner (lib/db/client.ts).
    },
  }
}
