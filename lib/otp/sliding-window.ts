// "At most N events in any W seconds" for one subject, exact rather than per fixed window (a fixed
// hourly window would let 2N guesses through around the turn of the hour). Each subject owns N slot
// rows in the shared RateLimitCounter table; an event claims a slot that is free (missing, or its
// last claim is older than W) with one conditional UPDATE or one INSERT on the unique key, so
// parallel requests on any instance can never claim the same slot twice.
import { randomInt } from 'node:crypto'
import type { Db } from '@/lib/db/client'

export interface SlidingWindowRule {
  /** What is limited, e.g. "seed001-guess". */
  bucket: string
  limit: number
  windowSeconds: number
}

export type SlotClaim = { ok: true; slotKey: string } | { ok: false; retryAfterSeconds: number }

function slotKeys(rule: SlidingWindowRule, subject: string): string[] {
  return Array.from({ length: rule.limit }, (_, slot) => `${rule.bucket}:${subject}:slot${slot}`)
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

export async function claimSlot(o: { db: Db; now: Date; rule: SlidingWindowRule; subject: string }): Promise<SlotClaim> {
  const { db, now, rule } = o
  const keys = slotKeys(rule, o.subject)
  const until = new Date(now.getTime() + rule.windowSeconds * 1000)
  const rows = await db.rateLimitCounter.findMany({ where: { key: { in: keys } } })
  const held = new Map(rows.map((row) => [row.key, row.expiresAt]))

  const free = keys.filter((key) => (held.get(key)?.getTime() ?? 0) <= now.getTime())
  // Parallel claimers start at different free slots instead of all fighting over the first one.
  const start = free.length > 0 ? randomInt(free.length) : 0
  for (const key of [...free.slice(start), ...free.slice(0, start)]) {
    if (held.has(key)) {
      const { count } = await db.rateLimitCounter.updateMany({
        where: { key, expiresAt: { lte: now } },
        data: { expiresAt: until, count: { increment: 1 } },
      })
      if (count === 1) return { ok: true, slotKey: key }
    }
    // A missing row, or one that housekeeping deleted since we read it (it purges expired rows):
    // the INSERT's primary key decides between parallel claimers.
    try {
      await db.rateLimitCounter.create({ data: { key, count: 1, expiresAt: until } })
      return { ok: true, slotKey: key }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
    }
  }

  const soonest = await nextFreeSlotAt(o)
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((soonest.getTime() - now.getTime()) / 1000)) }
}

/** Gives a claimed slot back, for an event that turned out not to count (a right code, a failed send). */
export async function releaseSlot(o: { db: Db; slotKey: string }): Promise<void> {
  await o.db.rateLimitCounter.updateMany({ where: { key: o.slotKey }, data: { expiresAt: new Date(0) } })
}

/** When the next slot frees up, without claiming one (for "resend in N s" hints). */
export async function nextFreeSlotAt(o: { db: Db; now: Date; rule: SlidingWindowRule; subject: string }): Promise<Date> {
  const keys = slotKeys(o.rule, o.subject)
  const rows = await o.db.rateLimitCounter.findMany({ where: { key: { in: keys } }, select: { expiresAt: true } })
  const busy = rows.filter((row) => row.expiresAt.getTime() > o.now.getTime())
  if (busy.length < keys.length) return o.now
  return new Date(Math.min(...busy.map((row) => row.expiresAt.getTime())))
}
