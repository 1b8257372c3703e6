// Remote unlock: an admin opens a door from the console or the API. It takes the path of a granted
// scan: an access event (reason remote_unlock, the admin as its user; an API key is named in its
// input) and its outbox row, in one transaction, so the relay gets the same unlock message.
import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import { outboxRow } from './outbox'

export async function remoteUnlock(o: {
  db: Db
  now: Date
  doorId: string
  /** The admin who asked, or the API key's description. */
  by: { userId: string } | { apiKey: string }
}): Promise<{ eventId: number; doorId: string; seconds: number; at: Date }> {
  return o.db.$transaction(async (tx) => {
    const door = await tx.door.findUnique({ where: { id: o.doorId }, select: { id: true, unlockSeconds: true, lockdown: true } })
    if (!door) throw new ApiError('not_found', 'No such door')
    // Lockdown refuses everyone, remote unlocks included: lift it first (one deliberate step).
    if (door.lockdown) throw new ApiError('conflict', 'This door is in lockdown: lift the lockdown to unlock it')
    const event = await tx.accessEvent.create({
      data: {
        at: o.now,
        doorId: door.id,
        userId: 'userId' in o.by ? o.by.userId : null,
        input: 'apiKey' in o.by ? o.by.apiKey : null,
        result: 'granted',
        reason: 'remote_unlock',
      },
      select: { id: true },
    })
    await tx.outboxMessage.create({ data: outboxRow({ now: o.now, kind: 'access', doorId: door.id, accessEventId: event.id }) })
    return { eventId: event.id, doorId: door.id, seconds: door.unlockSeconds, at: o.now }
  })
}
