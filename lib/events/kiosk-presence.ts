// Kiosk presence: a paired kiosk sends a heartbeat every KIOSK_HEARTBEAT_SECONDS; it counts as
// online while its last one is under KIOSK_OFFLINE_AFTER_SECONDS old. The change either way is
// one conditional UPDATE (only the request or sweep that flips `online` matches), written with its
// kiosk.online / kiosk.offline outbox row in one transaction: one event per change, whichever
// instance sees it.
import type { Db } from '@/lib/db/client'
import { outboxRow } from './outbox'

export const KIOSK_HEARTBEAT_SECONDS = 30
export const KIOSK_OFFLINE_AFTER_SECONDS = 90

/** A heartbeat: the kiosk is seen now, and comes online if it was not. Whether it just came online. */
export async function recordHeartbeat(o: { db: Db; now: Date; kioskId: string }): Promise<{ cameOnline: boolean }> {
  return o.db.$transaction(async (tx) => {
    const { count } = await tx.kiosk.updateMany({
      where: { id: o.kioskId, online: false, revokedAt: null },
      data: { online: true, presenceChangedAt: o.now, lastSeenAt: o.now },
    })
    if (count === 0) {
      await tx.kiosk.updateMany({ where: { id: o.kioskId }, data: { lastSeenAt: o.now } })
      return { cameOnline: false }
    }
    const kiosk = await tx.kiosk.findUniqueOrThrow({ where: { id: o.kioskId }, select: { name: true, doorId: true } })
    await tx.outboxMessage.create({
      data: outboxRow({
        now: o.now,
        kind: 'kiosk_presence',
        kioskId: o.kioskId,
        doorId: kiosk.doorId,
        payload: { online: true, kioskName: kiosk.name, lastSeenAt: o.now.toISOString() },
      }),
    })
    return { cameOnline: true }
  })
}

/** Marks offline the kiosks whose last heartbeat is too old (revoked ones too: they stopped); their ids. */
export async function sweepOfflineKiosks(o: { db: Db; now: Date }): Promise<string[]> {
  const cutoff = new Date(o.now.getTime() - KIOSK_OFFLINE_AFTER_SECONDS * 1000)
  const stale = await o.db.kiosk.findMany({
    where: { online: true, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: cutoff } }] },
    select: { id: true, name: true, doorId: true, lastSeenAt: true },
  })
  const offline: string[] = []
  for (const kiosk of stale) {
    const changed = await o.db.$transaction(async (tx) => {
      const { count } = await tx.kiosk.updateMany({
        where: { id: kiosk.id, online: true, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: cutoff } }] },
        data: { online: false, presenceChangedAt: o.now },
      })
      if (count === 0) return false
      await tx.outboxMessage.create({
        data: outboxRow({
          now: o.now,
          kind: 'kiosk_presence',
          kioskId: kiosk.id,
          doorId: kiosk.doorId,
          payload: { online: false, kioskName: kiosk.name, lastSeenAt: kiosk.lastSeenAt?.toISOString() ?? null },
        }),
      })
      return true
    })
    if (changed) offline.push(kiosk.id)
  }
  return offline
}

/** How the console shows a kiosk: online, or offline since its last heartbeat (null: never seen). */
export function kioskPresence(kiosk: { lastSeenAt: Date | null; revokedAt: Date | null }, now: Date) {
  const online =
    kiosk.revokedAt === null && kiosk.lastSeenAt !== null && now.getTime() - kiosk.lastSeenAt.getTime() < KIOSK_OFFLINE_AFTER_SECONDS * 1000
  return { online, offlineSince: online ? null : kiosk.lastSeenAt }
}
