import { describe, expect, it } from 'vitest'
import { passStep } from './pass-step'

const at = (seconds: number) => new Date(seconds * 1000)

describe('passStep', () => {
  it('shows the current step when it is unused, rotating at its end', () => {
    expect(passStep({ now: at(310), lastTotpStep: null })).toEqual({
      step: 10,
      rotatesAt: at(330),
      usableAt: at(310),
    })
    expect(passStep({ now: at(310), lastTotpStep: 5 }).step).toBe(10)
  })

  it('moves to the next step at once after the current one was used', () => {
    expect(passStep({ now: at(310), lastTotpStep: 10 })).toEqual({
      step: 11,
      rotatesAt: at(360),
      usableAt: at(310),
    })
  })

  it('says when a code becomes usable if the next step was used too', () => {
    expect(passStep({ now: at(310), lastTotpStep: 11 })).toEqual({
      step: 12,
      rotatesAt: at(390),
      usableAt: at(330),
    })
  })
})
