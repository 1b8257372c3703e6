import { describe, expect, it } from 'vitest'
import { niceScale } from './chart-scale'

describe('chart scale', () => {
  it('shows at least 0–4 so that an empty or quiet chart still has an axis', () => {
    expect(niceScale(0)).toEqual({ max: 4, ticks: [0, 1, 2, 3, 4] })
    expect(niceScale(3)).toEqual({ max: 4, ticks: [0, 1, 2, 3, 4] })
  })

  it('rounds up to whole, round steps', () => {
    expect(niceScale(9)).toEqual({ max: 10, ticks: [0, 5, 10] })
    expect(niceScale(37)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] })
    expect(niceScale(1234).max).toBe(1500)
    for (const n of [5, 17, 99, 250, 7001]) {
      const scale = niceScale(n)
      expect(scale.max).toBeGreaterThanOrEqual(n)
      expect(scale.ticks.every(Number.isInteger)).toBe(true)
      expect(scale.ticks.length).toBeLessThanOrEqual(11)
    }
  })
})
