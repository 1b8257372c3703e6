import { describe, expect, it } from 'vitest'
import { addressKey, maskAddress, parseLoginAddress } from './address'

describe('parseLoginAddress', () => {
  it('normalises e-mail addresses and phone numbers', () => {
    expect(parseLoginAddress(' Ada@Example.COM ')).toEqual({ channel: 'email', email: 'ada@example.com' })
    expect(parseLoginAddress('+1 (415) 555-0123')).toEqual({ channel: 'sms', phone: '+14155550123' })
    expect(parseLoginAddress('0044 20 7946 0958')).toEqual({ channel: 'sms', phone: '+442079460958' })
  })

  it.each(['', 'ada@', 'not an address', '0123', '+0123456789'])('rejects %j', (input) => {
    expect(parseLoginAddress(input)).toBeNull()
  })

  it('masks what it shows', () => {
    const email = parseLoginAddress('ada@example.com')!
    expect(maskAddress(email)).toBe('ad•@example.com')
    expect(addressKey(email)).toBe('ada@example.com')
    expect(maskAddress(parseLoginAddress('+14155550123')!)).toBe('+14••••23')
  })
})
