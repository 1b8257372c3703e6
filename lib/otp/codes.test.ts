import { describe, expect, it } from 'vitest'
import { ALPHABETS, generateCode, normaliseCode } from './codes'

describe('alphabets', () => {
  it('leave out the characters people confuse', () => {
    for (const confusable of ['0', 'O', '1', 'I', 'L']) expect(ALPHABETS.alphanumeric).not.toContain(confusable)
    expect(ALPHABETS.alphanumeric).toBe(ALPHABETS.alphanumeric.toUpperCase())
    expect(new Set(ALPHABETS.alphanumeric).size).toBe(ALPHABETS.alphanumeric.length)
    expect(ALPHABETS.numeric).toBe('0123456789')
  })
})

describe('generateCode', () => {
  it('draws each character from the random source', () => {
    const draws: number[] = []
    const random = (max: number) => {
      draws.push(max)
      return draws.length % max
    }
    expect(generateCode(4, 'numeric', random)).toBe('1234')
    expect(draws).toEqual([10, 10, 10, 10])
    expect(generateCode(3, 'alphanumeric', () => 30)).toBe('ZZZ')
  })

  it('keeps leading zeros and the requested length', () => {
    expect(generateCode(6, 'numeric', () => 0)).toBe('000000')
    for (let length = 1; length <= 10; length++) {
      expect(generateCode(length, 'numeric')).toMatch(new RegExp(`^\\d{${length}}$`))
      expect(generateCode(length, 'alphanumeric')).toMatch(new RegExp(`^[${ALPHABETS.alphanumeric}]{${length}}$`))
    }
  })

  it('uses every character of the alphabet (crypto source)', () => {
    const seen = new Set(Array.from({ length: 50 }, () => generateCode(40, 'alphanumeric')).join(''))
    expect(seen.size).toBe(ALPHABETS.alphanumeric.length)
  })

  it('refuses lengths outside 1–64', () => {
    expect(() => generateCode(0, 'numeric')).toThrow(RangeError)
    expect(() => generateCode(65, 'numeric')).toThrow(RangeError)
    expect(() => generateCode(2.5, 'numeric')).toThrow(RangeError)
  })
})

describe('normaliseCode', () => {
  it('ignores case for alphanumeric codes only', () => {
    expect(normaliseCode('ab7k', 'alphanumeric')).toBe('AB7K')
    expect(normaliseCode('ab7k', 'numeric')).toBe('ab7k')
  })
})
