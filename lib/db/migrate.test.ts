import { describe, expect, it } from 'vitest'
import { retryWhileBusy } from './migrate'

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })

describe('retryWhileBusy', () => {
  it('retries while SQLite is busy, then returns', () => {
    let calls = 0
    expect(
      retryWhileBusy(
        () =>
          ++calls < 3
            ? (() => {
                throw busy()
              })()
            : 'done',
        1_000,
      ),
    ).toBe('done')
    expect(calls).toBe(3)
  })

  it('gives up after the timeout, and never retries other errors', () => {
    expect(() =>
      retryWhileBusy(() => {
        throw busy()
      }, 60),
    ).toThrow('database is locked')
    let calls = 0
    expect(() =>
      retryWhileBusy(() => {
        calls++
        throw new Error('syntax error')
      }, 1_000),
    ).toThrow('syntax error')
    expect(calls).toBe(1)
  })
})
