import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson, JsonTooDeepError, MAX_JSON_DEPTH } from './canonical-json'

function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, random))
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(() => random() - 0.5)
    return Object.fromEntries(entries.map(([key, item]) => [key, shuffleKeys(item, random)]))
  }
  return value
}

describe('canonicalJson', () => {
  it('ignores key order and whitespace but not values or array order', () => {
    const a = JSON.parse('{"b": 1, "a": {"y": [1, 2], "x": "s"}}')
    const b = JSON.parse('{"a":{"x":"s","y":[1,2]},"b":1.0}')
    expect(canonicalJson(a)).toBe('{"a":{"x":"s","y":[1,2]},"b":1}')
    expect(canonicalJson(a)).toBe(canonicalJson(b))
    expect(canonicalJson(JSON.parse('{"a":{"x":"s","y":[2,1]},"b":1}'))).not.toBe(canonicalJson(a))
    expect(canonicalJson(JSON.parse('{"a":"1"}'))).not.toBe(canonicalJson(JSON.parse('{"a":1}')))
    expect(canonicalJson(JSON.parse('{"\\u0041":"\\u00e9"}'))).toBe(canonicalJson(JSON.parse('{"A":"é"}')))
  })

  it('is the same for any key order of the same value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        let state = seed
        const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 + 1) % 1
        const parsed = JSON.parse(JSON.stringify(value))
        const shuffled = JSON.parse(JSON.stringify(shuffleKeys(parsed, random), null, 2))
        expect(canonicalJson(shuffled)).toBe(canonicalJson(parsed))
        expect(JSON.parse(canonicalJson(parsed))).toEqual(parsed)
      }),
    )
  })

  it('refuses values nested deeper than the limit', () => {
    const nest = (depth: number): unknown => (depth === 0 ? 1 : { a: nest(depth - 1) })
    expect(() => canonicalJson(nest(MAX_JSON_DEPTH))).not.toThrow()
    expect(() => canonicalJson(nest(MAX_JSON_DEPTH + 1))).toThrow(JsonTooDeepError)
  })
})
