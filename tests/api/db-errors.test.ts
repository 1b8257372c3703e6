// lib/db/errors.ts against the real database: each driver adapter must report a duplicate key as
// Prisma's P2002, or a race that loses an INSERT would answer 500 instead of its conflict.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { isUniqueViolation } from '@/lib/db/errors'

async function failureOf(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write()
  } catch (error) {
    return error
  }
  throw new Error('the write should have failed')
}

describe('isUniqueViolation', () => {
  it('recognises a duplicate primary key and a duplicate unique column', async () => {
    await db.user.create({ data: { id: 'unique-a', email: 'unique@example.com', name: 'A' } })
    const samePrimaryKey = await failureOf(() => db.user.create({ data: { id: 'unique-a', name: 'Again' } }))
    const sameEmail = await failureOf(() => db.user.create({ data: { id: 'unique-b', email: 'unique@example.com', name: 'B' } }))
    expect(isUniqueViolation(samePrimaryKey)).toBe(true)
    expect(isUniqueViolation(sameEmail)).toBe(true)
  })

  it('is false for every other failure', async () => {
    const missingRow = await failureOf(() => db.user.update({ where: { id: 'nobody' }, data: { name: 'X' } }))
    expect(isUniqueViolation(missingRow)).toBe(false)
    expect(isUniqueViolation(new Error('P2002'))).toBe(false)
    expect(isUniqueViolation(null)).toBe(false)
  })
})
