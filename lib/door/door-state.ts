// Whether a user may pass right now: seed 000's /isvalid and /logs. /isvalid is polled every second
// by the pass page, so it is one primary-key read (a prepared statement) and nothing else.
import type { Db } from '@/lib/db/client'
import { isGrantActive } from './grant'

export async function getDoorState(options: { db: Db; now: Date; userId: string; grantSeconds?: number }): Promise<boolean> {
  const user = await options.db.sql.findDoorState(options.userId)
  return user !== null && isGrantActive({ ...user, now: options.now, grantSeconds: options.grantSeconds })
}

/** Every user who holds a pass, by id, with whether their grant is running. */
export async function listDoorStates(options: {
  db: Db
  now: Date
  grantSeconds?: number
}): Promise<Record<string, { validation: boolean }>> {
  const users = await options.db.user.findMany({
    where: { totpSecretEnc: { not: null } },
    select: { id: true, grantedAt: true, disabled: true },
    orderBy: { id: 'asc' },
  })
  return Object.fromEntries(
    users.map((user) => [user.id, { validation: isGrantActive({ ...user, now: options.now, grantSeconds: options.grantSeconds }) }]),
  )
}
