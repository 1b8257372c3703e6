import { describe, expect, it } from 'vitest'
import { E164_MESSAGE, normalisePhoneNumber, OptionalPhoneNumber, PhoneNumber } from './phone'

describe('normalisePhoneNumber', () => {
  it.each([
    // input, default country, E.164 or null (refused)
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['0044 20 7946 0958', undefined, '+442079460958'],
    ['0044 20 7946 0958', 'US', '+442079460958'],
    ['+44 (20) 7946-0958', undefined, '+442079460958'],
    ['+44 20.7946.0958', undefined, '+442079460958'],
    [' +1 (415) 555-0123 ', undefined, '+14155550123'],
    ['+14155550123', undefined, '+14155550123'],
    ['+1 555 000 0001', undefined, '+15550000001'], // fictional, but of a possible length
    ['(415) 555-0199', 'US', '+14155550199'],
    ['(415) 555-0199', undefined, null], // national: which country?
    ['020 7946 0958', 'GB', '+442079460958'],
    ['020 7946 0958', undefined, null],
    ['4155550123', undefined, null],
    ['call me', undefined, null],
    ['call me at +1 415 555 0123', undefined, null],
    ['+1 415 555 O123', undefined, null], // a letter O
    ['+1 415 555 0123 ext. 5', undefined, null],
    ['+0123456789', undefined, null],
    ['+12345', undefined, null],
    ['+1234567890123456', undefined, null], // 16 digits: longer than E.164 allows
    // No plan allows these, but seed 001 accepted any + and 7–15 digits, and its README sends the first.
    ['+1234567890', undefined, '+1234567890'],
    ['+1 415 555 01234', undefined, '+141555501234'],
    ['+44 20 7946 0958 0958', undefined, null],
    ['', undefined, null],
    ['+', undefined, null],
    ['00', undefined, null],
  ] as const)('%j (default country %s) → %s', (input, country, expected) => {
    expect(normalisePhoneNumber(input, country)).toBe(expected)
  })
})

describe('PhoneNumber', () => {
  it('is the normaliser, with the message saying to use + and the country code', () => {
    expect(PhoneNumber.parse('0044 20 7946 0958')).toBe('+442079460958')
    const refused = PhoneNumber.safeParse('(415) 555-0199')
    expect(refused.success).toBe(false)
    expect(refused.error?.issues).toEqual([expect.objectContaining({ code: 'custom', message: E164_MESSAGE })])
    expect(E164_MESSAGE).toMatch(/\+ and the country code/)
  })

  it('reads a blank optional field as missing', () => {
    expect(OptionalPhoneNumber.parse(' ')).toBeNull()
    expect(OptionalPhoneNumber.parse(undefined)).toBeUndefined()
    expect(OptionalPhoneNumber.parse('+44 20 7946 0958')).toBe('+442079460958')
    expect(OptionalPhoneNumber.safeParse('555').success).toBe(false)
  })
})
