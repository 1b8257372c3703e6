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

export function slotKeys(rule: SlidingWindowRule, subject: string): string[] {
  return Array.from({ length: rule.limit }, (_, slot) => `${rule.bucket}:${subject}:slot${slot}`)
}

/** Claims a free slot in one statement (db.sql.claimSlot), or says when the next one frees up. */
export async function claimSlot(o: { db: Db; now: Date; rule: SlidingWindowRule; subject: string }): Promise<SlotClaim> {
  const { db, now, rule } = o
  const keys = slotKeys(rule, o.subject)
  const slotKey = await db.sql.claimSlot({ keys, now, until: new Date(now.getTime() + rule.windowSeconds * 1000) })
  if (slotKey) return { ok: true, slotKey }
  const soonest = await nextFreeSlotAt(o)
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
