// GET /otp/{user_id}: the current pass, creating what is missing first. Users made before they had a
// pass get a secret (and a pass number, for the short code) on first use; API clients may enrol
// unknown ids, as seed 000 let anyone do.
import { defaultGroupIds, memberships } from '@/lib/access/defaults'
import type { Db } from '@/lib/db/client'
import { isUniqueViolation } from '@/lib/db/errors'
import { assignPassNumber } from './assign-pass-number'
import { currentPass, type CurrentPassResult } from './current-pass'
import { encryptTotpSecret, generateTotpSecret } from './totp-secret'

export async function issueDoorPass(options: { db: Db; now: Date; userId: string; enrolUnknown: boolean }): Promise<CurrentPassResult> {
  const { db, userId } = options
  const first = await currentPass(options)
  if (first.status === 'ok' && first.pass.shortCode === null) {
    // A pass from before pass numbers, or from a user written without one: give it one now.
    await assignPassNumber({ db, userId })
    return currentPass(options)
  }
  if (first.status === 'ok' || first.status === 'disabled_user') return first
  if (first.status === 'unknown_user') {
    if (!options.enrolUnknown) return first
    try {
      await db.user.create({
        data: {
          id: userId,
          totpSecretEnc: encryptTotpSecret({ secret: generateTotpSecret(), userId }),
          groups: memberships(await defaultGroupIds(db)),
        },
      })
    } catch (error) {
      // Another request enrolled the same id first: use theirs.
      if (!isUniqueViolation(error)) throw error
    }
  } else {
    // Conditional, so that two first requests cannot hand out passes with different secrets.
    await db.user.updateMany({
      where: { id: userId, totpSecretEnc: null },
      data: { totpSecretEnc: encryptTotpSecret({ secret: generateTotpSecret(), userId }) },
    })
  }
  await assignPassNumber({ db, userId })
  return currentPass(options)
}
