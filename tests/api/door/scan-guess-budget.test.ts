import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { SCAN_GUESS_BUDGET, validateScan } from '@/lib/door/validate-scan'
import { createPassUser, passOf as passOfAt, wrongCodeFor } from './fixtures'

const now = new Date('2026-08-01T10:00:05Z')

const passOf = (userId: string, at = now) => passOfAt(userId, at)

describe('wrong-code budget per pass', () => {
  it('stops guessing at one pass after the budget, without touching other passes', async () => {
    const target = await createPassUser({ name: 'Target' })
    const bystander = await createPassUser({ name: 'Bystander' })
    const wrong = wrongCodeFor(await passOf(target.id))
    const results = await Promise.all(Array.from({ length: SCAN_GUESS_BUDGET.limit }, () => validateScan({ db, now, input: wrong })))
    expect(results.every((result) => result.reason === 'wrong_code')).toBe(true)
    // Even the right code is refused now: the next try is not counted at all.
    await expect(validateScan({ db, now, input: await passOf(target.id) })).rejects.toMatchObject({ status: 429 })
    expect(await validateScan({ db, now, input: await passOf(bystander.id) })).toMatchObject({ granted: true })
    // The window passes.
    const later = new Date(now.getTime() + SCAN_GUESS_BUDGET.windowSeconds * 1000 + 1000)
    expect(await validateScan({ db, now: later, input: await passOf(target.id, later) })).toMatchObject({ granted: true })
  })

  it('does not spend the budget on right codes', async () => {
    const user = await createPassUser()
    let at = now
    for (let i = 0; i < SCAN_GUESS_BUDGET.limit + 2; i++) {
      expect(await validateScan({ db, now: at, input: await passOf(user.id, at) })).toMatchObject({ granted: true })
      at = new Date(at.getTime() + 30_000)
    }
  })
})
