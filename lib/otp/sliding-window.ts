// "At most N events in any W seconds" for one subject, exact rather than per fixed window (a fixed
// hourly window would let 2N guesses through around the turn of the hour). Each subject owns N slot
// rows in the shared RateLimitCounter table; an event claims a slot that is free (missing, or its
// hold has ended) with one conditional statement (lib/db/statements), so parallel requests on any
// instance can never claim the same slot twice, nor more slots than there are.
import type { Db } from '@/lib/db/client'

export interface SlidingWindowRule {
  /** What is limited, e.g. "seed001-guess". */
  bucket: string
  limit: number
  windowSeconds: number
}

export type SlotClaim = { ok: true; slotKey: string } | { ok: false; retryAfterSeconds: number }

/** A rule applied to one subject: e.g. 10 wrong codes an hour for one address from one network. */
export interface GuessBudget {
  rule: SlidingWindowRule
  subject: string
}

export function slotKeys(rule: SlidingWindowRule, subject: string): string[] {
  return Array.from({ length: rule.limit }, (_, slot) => `${rule.bucket}:${subject}:slot${slot}`)
}

/** Claims a free slot in one statement (db.sql.claimSlot), or says when the next one frees up. */
export async function claimSlot(o: { db: Db; now: Date; rule: SlidingWindowRule; subject: string }): Promise<SlotClaim> {
  const { db, now, rule } = o
  const keys = slotKeys(rule, o.subject)
  const slotKey = await db.sql.claimSlot({ keys, now, until: new Date(now.getTime() + rule.windowSeconds * 1000) })
  if (slotKey) return { ok: true, slotKey }
  const soonest = await nextFreeSlotAfterFailedClaim(o)
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((soonest.getTime() - now.getTime()) / 1000)) }
}

/** Gives a claimed slot back, for an event that turned out not to count (a right code, a failed send). */
export async function releaseSlot(o: { db: Db; slotKey: string }): Promise<void> {
  await o.db.sql.releaseSlot(o.slotKey)
}

/** When the next slot frees up, without claiming one (for "resend in N s" hints). */
export async function nextFreeSlotAt(o: { db: Db; now: Date; rule: SlidingWindowRule; subject: string }): Promise<Date> {
  return (await o.db.sql.nextSlotFreeAt({ keys: slotKeys(o.rule, o.subject), now: o.now })) ?? o.now
}

/**
 * When the next slot frees up, once a claim found none free. A slot whose claim has not committed
 * yet (a parallel request's, on another connection) still reads as free, and it will be held for
 * the whole window: so "free now" is not an answer here.
 */
export async function nextFreeSlotAfterFailedClaim(o: { db: Db; now: Date; rule: SlidingWindowRule; subject: string }): Promise<Date> {
  const freeAt = await o.db.sql.nextSlotFreeAt({ keys: slotKeys(o.rule, o.subject), now: o.now })
  return freeAt ?? new Date(o.now.getTime() + o.rule.windowSeconds * 1000)
}

/**
 * Claims a slot of every budget or of none, in one statement (db.sql.claimSlotsTogether), or says
 * when all of them next have one free.
 */
export async function claimSlots(o: {
  db: Db
  now: Date
  budgets: GuessBudget[]
}): Promise<{ ok: true; slotKeys: string[] } | { ok: false; retryAfterSeconds: number }> {
  const { db, now, budgets } = o
  if (budgets.length === 1) {
    const claim = await claimSlot({ db, now, ...budgets[0]! })
    return claim.ok ? { ok: true, slotKeys: [claim.slotKey] } : claim
  }
  const groups = budgets.map((budget) => ({
    keys: slotKeys(budget.rule, budget.subject),
    until: new Date(now.getTime() + budget.rule.windowSeconds * 1000),
  }))
  const claimed = await db.sql.claimSlotsTogether({ groups, now })
  if (claimed) return { ok: true, slotKeys: claimed }
  const freeAt = (await lockedUntil({ db, now, budgets })) ?? now
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt.getTime() - now.getTime()) / 1000)) }
}

/** Until when some budget has no slot free: the latest of their next free slots, or null when all have one now. */
export async function lockedUntil(o: { db: Db; now: Date; budgets: GuessBudget[] }): Promise<Date | null> {
  const { db, now } = o
  const freeAt = await Promise.all(o.budgets.map((budget) => nextFreeSlotAt({ db, now, ...budget })))
  const latest = Math.max(now.getTime(), ...freeAt.map((at) => at.getTime()))
  return latest > now.getTime() ? new Date(latest) : null
}
