import { describe, expect, it } from 'vitest'
import { normalisePhoneNumber, PhoneNumber } from './phone'

describe('normalisePhoneNumber', () => {
  it.each([
    ['+14155550123', '+14155550123'],
    [' +1 (415) 555-0123 ', '+14155550123'],
    ['+44 20.7946.0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
    ['+123456789012345', '+123456789012345'],
  ])('%j → %s', (input, expected) => {
    expect(normalisePhoneNumber(input)).toBe(expected)
  })

  it.each(['4155550123', '+0123456789', '+1234567890123456', '+12345', '+1415555O123', '', '+', 'call me'])('refuses %j', (input) => {
    expect(normalisePhoneNumber(input)).toBeNull()
  })

  it('is the schema’s transform', () => {
    expect(PhoneNumber.parse('+1 415 555 0123')).toBe('+14155550123')
    expect(PhoneNumber.safeParse('555').success).toBe(false)
  })
})
