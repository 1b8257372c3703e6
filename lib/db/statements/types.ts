// The statements of the hot path (door scans, door state, code checks and what they call on the
// way), as prepared SQL on the database driver, one implementation per dialect (sqlite.ts,
// postgres.ts). Prisma costs 20–50 × a prepared statement per query on this kind of machine, and
// these run on every request a kiosk, a phone or an API client makes; every other query stays on
// Prisma. Each rule that must hold across instances is decided inside one call here (one statement
// or one transaction), never by a read in JS followed by a write. See docs/decisions/0010.
import type { OtpChallenge } from '../generated/sqlite/client'

export type ScanOutcome =
  | 'granted'
  | 'replay'
  | 'wrong_code'
  | 'disabled_user'
  | 'unknown_user'
  | 'no_access'
  | 'outside_schedule'
  | 'not_yet_valid'
  | 'access_expired'
  | 'uses_exhausted'
  | 'lockdown'

/** An access event as the door-events outbox tells of it, with the names of who, where and which kiosk. */
export interface AccessEventFact {
  id: number
  at: Date
  result: string
  reason: string
  userId: string | null
  userName: string | null
  kioskId: string | null
  kioskName: string | null
  doorId: string | null
  doorName: string | null
  /** The door's unlockSeconds. */
  unlockSeconds: number | null
  input: string | null
}

/** A webhook delivery as the outbox's fan-out writes it: queued, created and due at the fan-out's `now`. */
export interface WebhookDeliveryRecord {
  id: string
  endpointId: string
  eventId: string
  type: string
  body: string
}

/** An outbox row as its sender reads it (lib/events/outbox.ts). */
export interface OutboxRowRecord {
  id: number
  kind: string
  doorId: string | null
  accessEventId: number | null
  /** Set: the row stands for the access events `accessEventId` through this one (SQLite's group commit). */
  lastAccessEventId: number | null
  kioskId: string | null
  payload: string | null
  createdAt: Date
  fannedOutAt: Date | null
}

export const OUTBOX_ROW_COLUMNS = `"id", "kind", "doorId", "accessEventId", "lastAccessEventId", "kioskId", "payload", "createdAt", "fannedOutAt"`

/** The columns of AccessEventFact, for either dialect's statement (the `WHERE` is each dialect's own). */
export const ACCESS_EVENT_FACTS_FROM = `
  SELECT e."id", e."at", e."result", e."reason", e."userId", u."name" AS "userName", e."kioskId", k."name" AS "kioskName",
         e."doorId", d."name" AS "doorName", d."unlockSeconds", e."input"
  FROM "AccessEvent" e
  LEFT JOIN "User" u ON u."id" = e."userId"
  LEFT JOIN "Kiosk" k ON k."id" = e."kioskId"
  LEFT JOIN "Door" d ON d."id" = e."doorId"`

export interface AccessEventRecord {
  at: Date
  userId: string | null
  kioskId: string | null
  doorId: string | null
  result: 'granted' | 'denied'
  reason: string
  input: string | null
  /**
   * When something listens (MQTT or a webhook), the outbox row that tells them, written in the
   * event's own transaction and claimed by the instance that will send it (lib/events/outbox.ts).
   */
  outbox: OutboxClaim | null
}

/** Who sends an outbox row, and until when no other instance may take it. */
export interface OutboxClaim {
  claimedBy: string
  claimedUntil: Date
}

export interface SessionRecord {
  id: string
  expiresAt: Date
  revoked: boolean
  user: { id: string; name: string; role: string; disabled: boolean }
}

export interface ApiKeyRecord {
  id: string
  revoked: boolean
  lastUsedAt: Date | null
}

export interface KioskRecord {
  id: string
  name: string
  /** The door it stands at, whose rules its scans follow. */
  doorId: string | null
  revoked: boolean
  lastSeenAt: Date | null
}

/** The rows a credential is looked up in, by what its token says it is (lib/auth/tokens.ts). */
export interface CredentialRecords {
  apiKey: ApiKeyRecord
  kiosk: KioskRecord
  session: SessionRecord
}

export type CredentialTable = keyof CredentialRecords

export interface HotStatements {
  readonly dialect: 'sqlite' | 'postgres'

  /** Adds one hit to a fixed-window counter (created on first hit) and returns its count after it. */
  countRateLimitHit(o: { key: string; expiresAt: Date }): Promise<number>

  /**
   * countRateLimitHit and, in the same round trip, the row of the credential the request carries:
   * every authenticated request starts with these two, and on PostgreSQL each round trip costs more
   * than the statement it carries. The count is never skipped, whatever the look-up finds.
   */
  countHitAndFindCredential<T extends CredentialTable>(o: {
    key: string
    expiresAt: Date
    credential: { table: T; tokenHash: string }
  }): Promise<{ count: number; found: CredentialRecords[T] | null }>

  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null>
  /** Sets lastUsedAt to `now` unless it is already later than `staleBefore` (a write at most once a minute). */
  markApiKeyUsed(o: { id: string; now: Date; staleBefore: Date }): Promise<void>
  findKioskByHash(tokenHash: string): Promise<KioskRecord | null>
  markKioskSeen(o: { id: string; now: Date; staleBefore: Date }): Promise<void>
  findSessionByHash(tokenHash: string): Promise<SessionRecord | null>

  /** What /isvalid needs of a user: one primary-key read. */
  findDoorState(userId: string): Promise<{ grantedAt: Date | null; disabled: boolean } | null>
  /** What a scan needs of the user its pass names. */
  findPassHolder(userId: string): Promise<{ id: string; name: string; disabled: boolean; totpSecretEnc: string | null } | null>
  /** The same, for a typed short code: the user whose pass number it names (lib/door/short-code.ts). */
  findPassHolderByNumber(passNumber: string): Promise<{ id: string; name: string; disabled: boolean; totpSecretEnc: string | null } | null>
  recordAccessEvent(event: AccessEventRecord): Promise<number>
  /**
   * The access events of a batch of outbox rows, with names, in one statement whatever their
   * number: the outbox runs after every batch of scans, and Prisma's include cost more per row
   * than the scans themselves (decision 0013).
   */
  readAccessEventFacts(ids: number[]): Promise<AccessEventFact[]>
  /** The next `limit` outbox rows an instance holds (claim not ended at `now`), after `afterId`, in order. */
  readHeldOutboxRows(o: { instanceId: string; now: Date; afterId: number; limit: number }): Promise<OutboxRowRecord[]>
  /** Deletes sent rows still held by `instanceId` (committed with the scans' next group commit on SQLite); how many. */
  deleteSentOutboxRows(o: { ids: number[]; instanceId: string }): Promise<number>
  /**
   * Marks outbox rows fanned out and writes their webhook deliveries, together: only if every row
   * is still held by `instanceId` and not yet fanned out, else nothing (false). One statement on
   * PostgreSQL, a savepoint of the scans' group commit on SQLite: a Prisma transaction held
   * SQLite's write lock across awaits, and the scans waited behind it (decision 0013).
   */
  fanOutOutboxRows(o: { ids: number[]; instanceId: string; now: Date; deliveries: WebhookDeliveryRecord[] }): Promise<boolean>
  /**
   * A right code's scan, in one statement or transaction: refused unread while the pass's guess
   * budget is spent (no slot of `budget.keys` free); otherwise grants when the user is enabled, still
   * has the pass the code came from and has not used this step or a later one, and, at a door,
   * when the door's rules allow it (decision 0011: lockdown, the validity window, a guest pass's
   * uses, a group holding the door with a window covering `now` in the door's time zone), and
   * records the access event with the outcome. A guest's grant counts one use.
   */
  grantScan(o: {
    userId: string
    step: number
    totpSecretEnc: string
    now: Date
    kioskId: string | null
    /** Whose rules apply; null: the pass alone (an API client that names no door). */
    doorId: string | null
    budget: { keys: string[] }
    /** As AccessEventRecord's: the outbox row for the event, in the same transaction. */
    outbox: OutboxClaim | null
  }): Promise<{ outcome: ScanOutcome; eventId: number } | { outcome: 'budget_spent' }>

  /** Claims one of `keys` whose hold ended by `now`, holding it until `until`; null when all are held. */
  claimSlot(o: { keys: string[]; now: Date; until: Date }): Promise<string | null>
  /**
   * claimSlot for several budgets at once, all or none: one slot of each group's `keys` whose hold
   * ended by `now`, held until that group's `until`. The keys claimed, in the groups' order, or null
   * when some group has none free (and then nothing was claimed).
   */
  claimSlotsTogether(o: { groups: { keys: string[]; until: Date }[]; now: Date }): Promise<string[] | null>
  releaseSlot(key: string): Promise<void>
  /** The earliest end of a hold among `keys`, or null when one of them is free at `now`. */
  nextSlotFreeAt(o: { keys: string[]; now: Date }): Promise<Date | null>

  findChallengeById(id: string): Promise<OtpChallenge | null>
  /** The latest unused challenge of a scope and subject, expired or not. */
  findOpenChallenge(o: { scope: string; subject: string }): Promise<OtpChallenge | null>
  /**
   * Uses a challenge up if it is unused, unexpired and has tries left, and (with `budgets`) each of
   * those groups of guess slots has one free at `now`, in one statement: 'consumed' when this call did.
   */
  consumeChallenge(o: {
    id: string
    now: Date
    maxAttempts: number
    budgets?: string[][]
  }): Promise<'consumed' | 'not_usable' | 'budget_spent'>
  /** Counts a wrong try under the same conditions; the tries after it, or null when it was not usable. */
  countWrongAttempt(o: { id: string; now: Date; maxAttempts: number }): Promise<number | null>

  close(): Promise<void>
}

/** The value a released slot holds: long past, so it is free at any `now`. */
export const RELEASED_SLOT_AT = new Date(0)
