import { describe, expect, it } from 'vitest'
import { isGrantActive } from './grant'

const grantedAt = new Date('2026-01-01T00:00:00Z')
const after = (seconds: number) => new Date(grantedAt.getTime() + seconds * 1000)

describe('isGrantActive', () => {
  it('lasts grantSeconds from the stored grant time', () => {
    expect(isGrantActive({ grantedAt, disabled: false, now: after(0), grantSeconds: 30 })).toBe(true)
    expect(isGrantActive({ grantedAt, disabled: false, now: after(29.999), grantSeconds: 30 })).toBe(true)
    expect(isGrantActive({ grantedAt, disabled: false, now: after(30), grantSeconds: 30 })).toBe(false)
    expect(isGrantActive({ grantedAt, disabled: false, now: after(45), grantSeconds: 60 })).toBe(true)
  })

  it('is off without a grant or for a disabled user', () => {
    expect(isGrantActive({ grantedAt: null, disabled: false, now: after(1), grantSeconds: 30 })).toBe(false)
    expect(isGrantActive({ grantedAt, disabled: true, now: after(1), grantSeconds: 30 })).toBe(false)
  })
})
