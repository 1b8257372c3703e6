import { describe, expect, it } from 'vitest'
import { guestPassState } from './guest-pass-state'

const from = new Date('2026-12-01T09:00:00Z')
const until = new Date('2026-12-03T18:00:00Z')
const pass = { validFrom: from, validUntil: until, maxUses: 3, uses: 0, revokedAt: null }

describe('guestPassState', () => {
  it.each([
    ['a second before validFrom', { now: new Date(from.getTime() - 1000) }, 'upcoming'],
    ['at validFrom', { now: from }, 'active'],
    ['a second before validUntil', { now: new Date(until.getTime() - 1000) }, 'active'],
    ['at validUntil', { now: until }, 'expired'],
    ['every use taken', { now: from, uses: 3 }, 'used_up'],
    ['one use left', { now: from, uses: 2 }, 'active'],
    ['no limit', { now: from, uses: 500, maxUses: null }, 'active'],
    ['used up, then over', { now: until, uses: 3 }, 'expired'],
    ['revoked before it began', { now: new Date(from.getTime() - 1000), revokedAt: new Date('2026-11-30T00:00:00Z') }, 'revoked'],
    ['revoked while active', { now: from, revokedAt: from }, 'revoked'],
    ['revoked, then over', { now: until, revokedAt: from }, 'revoked'],
  ] as const)('%s: %o → %s', (_label, change, state) => {
    expect(guestPassState({ ...pass, ...change })).toBe(state)
  })
})
