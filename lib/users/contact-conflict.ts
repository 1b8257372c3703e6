import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'

/**
 * A 409 naming the taken e-mail address or phone number. Only for the message: the unique indexes
 * decide, and a race past this check still ends in a conflict (see isUniqueViolation).
 */
export async function assertContactFree(options: {
  db: Db
  email?: string | null
  phone?: string | null
  exceptUserId?: string
}): Promise<void> {
  const { db, email, phone, exceptUserId } = options
  const taken = [
    ...(email ? [{ field: 'e-mail address', where: { email } }] : []),
    ...(phone ? [{ field: 'phone number', where: { phone } }] : []),
  ]
  for (const { field, where } of taken) {
    const other = await db.user.findFirst({
      where: { ...where, ...(exceptUserId ? { id: { not: exceptUserId } } : {}) },
      select: { id: true },
    })
    if (other) throw new ApiError('conflict', `Another user already has this ${field}`)
  }
}

export function contactTaken(): ApiError {
  return new ApiError('conflict', 'Another user already has this e-mail address or phone number')
}
