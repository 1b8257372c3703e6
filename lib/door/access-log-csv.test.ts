import { describe, expect, it } from 'vitest'
import { accessLogFilename, csvCell, csvLine } from './access-log-csv'

describe('csvCell', () => {
  it('leaves plain values alone and writes null as empty', () => {
    expect(csvCell('Front door')).toBe('Front door')
    expect(csvCell('2026-11-21T08:59:12.000Z')).toBe('2026-11-21T08:59:12.000Z')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
  })

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('Lovelace, Ada')).toBe('"Lovelace, Ada"')
    expect(csvCell('Ada "the Countess"')).toBe('"Ada ""the Countess"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"')
  })

  it('turns would-be formulas into text with a leading apostrophe', () => {
    for (const value of ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvCell(value).replace(/^"/, '').startsWith(`'`), JSON.stringify(value)).toBe(true)
    }
    expect(csvCell('=1+1')).toBe(`'=1+1`)
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`)
    expect(csvCell('a=b')).toBe('a=b')
  })
})

describe('csvLine and accessLogFilename', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvLine(['a', null, 'b,c'])).toBe('a,,"b,c"\r\n')
  })

  it('names the file after the UTC date', () => {
    expect(accessLogFilename(new Date('2026-11-21T23:59:59Z'))).toBe('access-log-2026-11-21.csv')
  })
})
