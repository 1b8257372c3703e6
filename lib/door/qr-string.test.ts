import { describe, expect, it } from 'vitest'
import { formatQrString, parseQrString } from './qr-string'

describe('QR strings', () => {
  it("format as seed 000 did: Python's b32encode of the id, an underscore, the code", () => {
    expect(formatQrString('user-42', '012345')).toBe('OVZWK4RNGQZA====_012345')
    expect(formatQrString('12345', '999999')).toBe('GEZDGNBV_999999')
  })

  it('parse back, whatever the id', () => {
    for (const id of ['user-42', 'Zoë 🚪', 'a_b_c', 'x'.repeat(128), '550e8400-e29b-41d4-a716-446655440000']) {
      expect(parseQrString(formatQrString(id, '123456'))).toEqual({ ok: true, userId: id, code: '123456' })
    }
  })

  it('reject malformed input without throwing', () => {
    for (const bad of [
      '',
      '_',
      'OVZWK4RNGQZA====',
      'OVZWK4RNGQZA====_',
      'OVZWK4RNGQZA====_12345', // 5 digits
      'OVZWK4RNGQZA====_1234567',
      'OVZWK4RNGQZA====_12345a',
      'OVZWK4RNGQZA====_１２３４５６', // full-width digits
      'ovzwk4rngqza====_123456',
      'OVZWK4RNGQZA_123456', // padding stripped
      'OVZWK4RNGQZA====_123456_1',
      '_123456',
      '7Q======_123456', // 0xFC: not UTF-8
      'AA======_123456', // a NUL byte: no valid user id
      'F4======_123456', // "/"
      'A'.repeat(5000) + '_123456',
      formatQrString('x'.repeat(129), '123456'),
    ]) {
      expect(parseQrString(bad), bad).toEqual({ ok: false })
    }
  })
})
