// Gives a user the pass number of their short code (lib/door/short-code.ts) if they have none yet.
// The migration gave every user of the time one; a user an admin creates gets one at once
// (lib/users/create-user.ts), and issueDoorPass gives one to any pass still without (a user signing
// in for the first time, one enrolled through GET /otp/{id}, one written some other way) before it
// is shown. A number already taken fails the unique index and another is drawn.
import type { Db } from '@/lib/db/client'
import { isUniqueViolation } from '@/lib/db/errors'
import { newPassNumber } from './short-code'

/** Draws this many numbers at most: with 32^6 numbers, a second draw is already most unlikely. */
const ATTEMPTS = 5

export async function assignPassNumber(options: { db: Db; userId: string; draw?: () => string }): Promise<void> {
  const draw = options.draw ?? newPassNumber
  for (let attempt = 1; ; attempt++) {
    try {
      // Conditional: two requests at once keep the first number written.
      await options.db.user.updateMany({ where: { id: options.userId, passNumber: null }, data: { passNumber: draw() } })
      return
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= ATTEMPTS) throw error
    }
  }
}
