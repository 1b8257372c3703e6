import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base32Decode, base32Encode } from './base32'

const text = (value: string) => new TextEncoder().encode(value)

describe('base32', () => {
  it('encodes the RFC 4648 test vectors with padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY======'],
      ['fo', 'MZXQ===='],
      ['foo', 'MZXW6==='],
      ['foob', 'MZXW6YQ='],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI======'],
    ]
    for (const [plain, encoded] of vectors) expect(base32Encode(text(plain))).toBe(encoded)
  })

  it("matches Python's b32encode for user ids (UTF-8 included)", () => {
    // Produced with: python3 -c "import base64; print(base64.b32encode(s.encode()).decode())"
    expect(base32Encode(text('user-42'))).toBe('OVZWK4RNGQZA====')
    expect(base32Encode(text('alice@example.com'))).toBe('MFWGSY3FIBSXQYLNOBWGKLTDN5WQ====')
    expect(base32Encode(text('Zoë 🚪'))).toBe('LJX4HKZA6CPZVKQ=')
    expect(base32Encode(text('12345'))).toBe('GEZDGNBV')
  })

  it('decodes what it encodes, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        expect(base32Decode(base32Encode(bytes))).toEqual(bytes)
      }),
    )
  })

  it('rejects everything that is not canonical padded base32', () => {
    for (const bad of [
      '',
      'MZXW6YQ', // padding missing
      'mzxw6yq=', // lower case
      'MZXW6Y1=', // 1 is not in the alphabet
      'MZXW6===YQ======', // padding inside
      'MZXW6YQ==', // not a multiple of 8
      'MZX=====', // 3 data characters is no whole number of bytes
      '========',
      'MZXW6YR=', // trailing bits set: a second spelling of "foob"
      'MZXW6YQ=MZXW6YQ=', // padding in the middle block
    ]) {
      expect(base32Decode(bad), bad).toBeNull()
    }
  })
})
