import { act, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useScanGate } from './use-scan-gate'

const SAME_CODE_MS = 60_000
const RESULT_MS = 4_000

function renderGate() {
  return renderHook(() => useScanGate<string>({ sameCodeMs: SAME_CODE_MS, resultMs: RESULT_MS }))
}

describe('useScanGate', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('lets one read through while a check runs and ignores the rest, whatever their code', () => {
    const { result } = renderGate()
    expect(result.current.admit('CODE-A')).toBe(true)
    expect(result.current.admit('CODE-A')).toBe(false)
    expect(result.current.admit('CODE-B')).toBe(false)
  })

  it('shows a result for its time, then goes back to ready', () => {
    const { result } = renderGate()
    result.current.admit('CODE-A')
    act(() => result.current.show('granted'))
    expect(result.current.result).toBe('granted')
    expect(result.current.admit('CODE-B')).toBe(false)

    act(() => vi.advanceTimersByTime(RESULT_MS - 1))
    expect(result.current.result).toBe('granted')
    act(() => vi.advanceTimersByTime(1))
    expect(result.current.result).toBeNull()
    expect(result.current.admit('CODE-B')).toBe(true)
  })

  it('ignores the code it sent last until the window has passed, and takes other codes at once', () => {
    const { result } = renderGate()
    result.current.admit('CODE-A')
    act(() => result.current.show('granted'))
    act(() => vi.advanceTimersByTime(RESULT_MS))

    act(() => vi.advanceTimersByTime(SAME_CODE_MS - RESULT_MS - 1))
    expect(result.current.admit('CODE-A')).toBe(false)
    act(() => vi.advanceTimersByTime(1))
    expect(result.current.admit('CODE-A')).toBe(true)
  })

  it('takes another code as soon as the result is gone', () => {
    const { result } = renderGate()
    result.current.admit('CODE-A')
    act(() => result.current.show('denied'))
    act(() => vi.advanceTimersByTime(RESULT_MS))
    expect(result.current.admit('CODE-B')).toBe(true)
  })

  it('after a check that judged nothing (cancel), takes the same code again at once', () => {
    const { result } = renderGate()
    result.current.admit('CODE-A')
    result.current.cancel()
    expect(result.current.admit('CODE-A')).toBe(true)
  })

  it('after a failed check shown as an error (forgetCode), takes the same code again once the error is gone', () => {
    const { result } = renderGate()
    result.current.admit('CODE-A')
    act(() => {
      result.current.forgetCode()
      result.current.show('Too many requests')
    })
    expect(result.current.admit('CODE-A')).toBe(false)
    act(() => vi.advanceTimersByTime(RESULT_MS))
    expect(result.current.admit('CODE-A')).toBe(true)
  })

  it('reads nothing while a result shows, and a second result restarts its time', () => {
    const { result } = renderGate()
    act(() => result.current.show('first'))
    expect(result.current.admit('CODE-C')).toBe(false)
    act(() => vi.advanceTimersByTime(RESULT_MS - 1_000))
    act(() => result.current.show('second'))
    act(() => vi.advanceTimersByTime(RESULT_MS - 1))
    expect(result.current.result).toBe('second')
    act(() => vi.advanceTimersByTime(1))
    expect(result.current.result).toBeNull()
  })

  it('leaves no timer behind when the screen unmounts', () => {
    const { result, unmount } = renderGate()
    act(() => result.current.show('granted'))
    unmount()
    expect(vi.getTimerCount()).toBe(0)
  })
})
