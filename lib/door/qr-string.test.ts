import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidUserId } from '@/lib/users/user-id'
import { formatQrString, groupQrString, parseQrString } from './qr-string'

describe('QR strings', () => {
  it("format as seed 000 did: Python's b32encode of the id, an underscore, the code", () => {
    expect(formatQrString('user-42', '012345')).toBe('OVZWK4RNGQZA====_012345')
    expect(formatQrString('12345', '999999')).toBe('GEZDGNBV_999999')
    // Produced with: python3 -c "import base64; print(base64.b32encode(s.encode()).decode())"
    expect(formatQrString('alice@example.com', '123456')).toBe('MFWGSY3FIBSXQYLNOBWGKLTDN5WQ====_123456')
    expect(formatQrString('Zoë 🚪', '123456')).toBe('LJX4HKZA6CPZVKQ=_123456')
  })

  it('encode ids as the RFC 4648 test vectors, with padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY======'],
      ['fo', 'MZXQ===='],
      ['foo', 'MZXW6==='],
      ['foob', 'MZXW6YQ='],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI======'],
    ]
    for (const [id, encoded] of vectors) {
      expect(formatQrString(id, '123456')).toBe(`${encoded}_123456`)
      if (id !== '') expect(parseQrString(`${encoded}_123456`)).toEqual({ ok: true, userId: id, code: '123456' })
    }
  })

  it('parse back, whatever the id', () => {
    for (const id of ['user-42', 'Zoë 🚪', 'a_b_c', 'x'.repeat(128), '550e8400-e29b-41d4-a716-446655440000']) {
      expect(parseQrString(formatQrString(id, '123456'))).toEqual({ ok: true, userId: id, code: '123456' })
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }).filter(isValidUserId), (id) => {
        expect(parseQrString(formatQrString(id, '000000'))).toEqual({ ok: true, userId: id, code: '000000' })
      }),
    )
  })

  it('refuse every spelling of an id but canonical padded base32', () => {
    for (const bad of [
      'MZXW6YQ', // padding missing
      'MZXW6Y1=', // 1 is not in the alphabet
      'MZXW6===YQ======', // padding inside
      'MZXW6YQ==', // not a multiple of 8
      'MZX=====', // 3 data characters is no whole number of bytes
      '========',
      'MZXW6YR=', // trailing bits set: a second spelling of "foob"
      'MZXW6YQ=MZXW6YQ=', // padding in the middle block
      'MY==============', // a whole block of padding too many
    ]) {
      expect(parseQrString(`${bad}_123456`), bad).toEqual({ ok: false })
    }
  })

  it('accept a typed pass: any case, spaces and dashes anywhere', () => {
    const id = '550e8400-e29b-41d4-a716-446655440000'
    const pass = formatQrString(id, '012345')
    for (const typed of [
      pass.toLowerCase(),
      groupQrString(pass),
      groupQrString(pass).toLowerCase(),
      ` ${pass.replace(/(.{4})/g, '$1-')} `,
    ]) {
      expect(parseQrString(typed), typed).toEqual({ ok: true, userId: id, code: '012345' })
    }
    expect(parseQrString('mzxw6yq=_123456')).toEqual({ ok: true, userId: 'foob', code: '123456' })
  })

  it('group a pass in blocks of 4 for reading, the code apart', () => {
    expect(groupQrString('MFWGSY3FIBSXQYLNOBWGKLTDN5WQ====_123456')).toBe('MFWG SY3F IBSX QYLN OBWG KLTD N5WQ ==== _ 123 456')
    expect(groupQrString('GEZDGNBV_999999')).toBe('GEZD GNBV _ 999 999')
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
      'OVZWK4RNGQZA_123456', // padding stripped
      'OVZWK4RNGQZA====_123456_1',
      '_123456',
      '7Q======_123456', // 0xFC: not UTF-8
      'AA======_123456', // a NUL byte: no valid user id
      'F4======_123456', // "/"
      'A'.repeat(5000) + '_123456',
      'OVZWK4RNGQZA====_123 45', // a space does not make up a digit
      'OVZWK4RNGQZA====_12345\u00a0', // only ASCII spaces and dashes are dropped
      'OVZWK4RNGQZA====_123456'.replace('Q', 'q').replace('N', 'ｎ'), // only ASCII letters are upper-cased
      'MZXW6YQ=_123456'.replace('Y', 'ÿ'), // "ÿ".toUpperCase() is "Ÿ", still no spelling of Y
      'MFWGSY3FIBSXQYLNOBWGKLTDN5WQ====_123456'.replace('I', 'ı'), // "ı".toUpperCase() is "I"
      'MFWGSY3FIBSXQYLNOBWGKLTDN5WQ====_123456'.replace('S', 'ſ'), // "ſ".toUpperCase() is "S"

      formatQrString('x'.repeat(129), '123456'),
    ]) {
      expect(parseQrString(bad), bad).toEqual({ ok: false })
    }
  })
})
