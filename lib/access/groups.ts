// Access groups: who may open which doors when (decision 0011).
import type { Db } from '@/lib/db/client'
import { fieldError } from './field-error'

/** 400 naming the first group id that does not exist: a typo must not silently give no access. */
export async function assertGroupsExist(options: { db: Db; groupIds: readonly string[] }) {
  const ids = [...new Set(options.groupIds)]
  if (ids.length === 0) return
  const found = await options.db.accessGroup.findMany({ where: { id: { in: ids } }, select: { id: true } })
  const known = new Set(found.map((group) => group.id))
  const missing = ids.find((id) => !known.has(id))
  if (missing) throw fieldError('groupIds', `no access group ${missing}`)
}
