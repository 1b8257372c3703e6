// RFC 4648 base32 with `=` padding, byte for byte what Python's base64.b32encode gives: the seed's
// clients put the user id in their QR strings this way. Decoding is strict (upper case, canonical
// padding, zero trailing bits) so that one user id has exactly one accepted spelling.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const VALUES = new Map([...ALPHABET].map((char, index) => [char, index]))
/** Padding characters after the last 8-character block's data, by data characters in that block. */
const PADDING_BY_DATA_CHARS: Record<number, number> = { 2: 6, 4: 4, 5: 3, 7: 1, 8: 0 }

export function base32Encode(bytes: Uint8Array): string {
  let output = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      output += ALPHABET[(buffer >>> bits) & 31]
    }
    buffer &= (1 << bits) - 1
  }
  if (bits > 0) output += ALPHABET[(buffer << (5 - bits)) & 31]
  return output + '='.repeat((8 - (output.length % 8)) % 8)
}

/** The decoded bytes, or null when `text` is not canonical padded base32. */
export function base32Decode(text: string): Uint8Array | null {
  if (text.length === 0 || text.length % 8 !== 0) return null
  const data = text.replace(/=+$/, '')
  const dataCharsInLastBlock = data.length - (text.length - 8)
  if (PADDING_BY_DATA_CHARS[dataCharsInLastBlock] !== text.length - data.length) return null
  const bytes = new Uint8Array(Math.floor((data.length * 5) / 8))
  let buffer = 0
  let bits = 0
  let index = 0
  for (const char of data) {
    const value = VALUES.get(char)
    if (value === undefined) return null
    buffer = (buffer << 5) | value
    bits += 5
    if (bits >= 8) {
      bits -= 8
      bytes[index++] = (buffer >>> bits) & 0xff
    }
    buffer &= (1 << bits) - 1
  }
  // Non-zero leftover bits would give a second spelling of the same bytes.
  if (buffer !== 0) return null
  return bytes
}
