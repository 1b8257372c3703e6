import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseQrString } from './qr-string'
import {
  formatShortCode,
  groupShortCode,
  isPassNumber,
  newPassNumber,
  PASS_NUMBER_ALPHABET,
  PASS_NUMBER_LENGTH,
  parseShortCode,
} from './short-code'

describe('pass numbers', () => {
  it('are 6 characters of Crockford base32: no I, L, O or U', () => {
    expect(PASS_NUMBER_ALPHABET).toBe('0123456789ABCDEFGHJKMNPQRSTVWXYZ')
    expect(PASS_NUMBER_LENGTH).toBe(6)
    for (let i = 0; i < 500; i++) {
      const number = newPassNumber()
      expect(number).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/)
      expect(isPassNumber(number)).toBe(true)
    }
    for (const bad of ['K7QM2', 'K7QM2XX', 'k7qm2x', 'K7QM2O', 'K7QM2I', 'K7QM2L', 'K7QM2U', 'K7QM2_'])
      expect(isPassNumber(bad), bad).toBe(false)
  })

  it('are drawn evenly from the whole alphabet', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 2000; i++) for (const character of newPassNumber()) counts.set(character, (counts.get(character) ?? 0) + 1)
    expect([...counts.keys()].sort().join('')).toBe(PASS_NUMBER_ALPHABET)
    // 12 000 draws over 32 characters: 375 each on average, σ ≈ 19.
    for (const [character, count] of counts) expect(count, character).toBeGreaterThan(250)
  })
})

describe('short codes', () => {
  it('are the pass number and the 6-digit code, grouped for reading', () => {
    expect(formatShortCode('K7QM2X', '123456')).toBe('K7QM2X123456')
    expect(groupShortCode('K7QM2X123456')).toBe('K7QM 2X · 123 456')
    expect(groupShortCode(formatShortCode('000000', '000000'))).toBe('0000 00 · 000 000')
  })

  it('parse back as typed: any case, spaces, dashes and the dot ignored', () => {
    const expected = { ok: true, passNumber: 'K7QM2X', code: '012345' }
    for (const typed of [
      'K7QM2X012345',
      'k7qm2x012345',
      'K7QM 2X · 012 345',
      'k7qm 2x · 012 345',
      '  K7QM-2X-012-345 ',
      'K7QM2X 012345',
      'k 7 q m 2 x 0 1 2 3 4 5',
    ]) {
      expect(parseShortCode(typed), typed).toEqual(expected)
    }
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...PASS_NUMBER_ALPHABET), minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 999_999 }),
        (number, n) => {
          const code = String(n).padStart(6, '0')
          const short = formatShortCode(number, code)
          expect(parseShortCode(short)).toEqual({ ok: true, passNumber: number, code })
          expect(parseShortCode(groupShortCode(short).toLowerCase())).toEqual({ ok: true, passNumber: number, code })
        },
      ),
    )
  })

  it('read the look-alikes as Crockford does: O as 0, I and L as 1', () => {
    expect(parseShortCode('K7QM 2X · O12 345')).toEqual({ ok: true, passNumber: 'K7QM2X', code: '012345' })
    expect(parseShortCode('oi1o l0 · ooo iil')).toEqual({ ok: true, passNumber: '0110' + '10', code: '000111' })
    expect(parseShortCode('ABCD EF · 1O1 OLI')).toEqual({ ok: true, passNumber: 'ABCDEF', code: '101011' })
  })

  it('refuse anything else without throwing', () => {
    for (const bad of [
      '',
      ' ',
      'K7QM2X',
      'K7QM2X12345', // 5 digits
      'K7QM2X1234567',
      'K7QM2U123456', // U is no Crockford character
      'K7QM2X12345A', // a letter among the digits
      'K7QM2X_123456', // a QR string's separator
      'K7QM2X１２３４５６', // full-width digits
      'K7QM2X\u00a0123456', // only ASCII spaces and dashes are dropped
      'ＫＱQM2X123456', // full-width letters
      'K7QMıX123456', // "ı".toUpperCase() is "I": only ASCII letters count
      'K7QM2X123456'.repeat(100),
      'x'.repeat(5000),
    ]) {
      expect(parseShortCode(bad), bad).toEqual({ ok: false })
    }
  })

  it('are never read as a QR string, and QR strings never as short codes', () => {
    expect(parseQrString('K7QM2X123456')).toEqual({ ok: false })
    expect(parseShortCode('OVZWK4RNGQZA====_123456')).toEqual({ ok: false })
    expect(parseShortCode('GEZDGNBV_999999')).toEqual({ ok: false })
  })
})
