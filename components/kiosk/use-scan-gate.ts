'use client'

// Which camera reads the kiosk sends, and how long it shows the answer. The camera decodes a pass
// held up to it many times a second: a read goes through only while nothing is being checked or
// shown, and not when it is the code sent last, again within `sameCodeMs`. A result stays on screen
// for `resultMs`; then the kiosk reads again. A typed code is always answered: `admitTyped` skips the
// camera's same-code rule and leaves its memory alone, so a read and a typed code never hide each other.
import { useCallback, useEffect, useRef, useState } from 'react'

export function useScanGate<R>({ sameCodeMs, resultMs }: { sameCodeMs: number; resultMs: number }) {
  const [result, setResult] = useState<R | null>(null)
  const lastSent = useRef<{ text: string; at: number } | null>(null)
  const busy = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  /** Whether to send this read. If so, later reads wait until `show` has run its course or `cancel`. */
  const admit = useCallback(
    (text: string) => {
      if (busy.current) return false
      const now = Date.now()
      const last = lastSent.current
      if (last && last.text === text && now - last.at < sameCodeMs) return false
      lastSent.current = { text, at: now }
      busy.current = true
      return true
    },
    [sameCodeMs],
  )

  /** Takes a typed code: always checked, even the code the camera sent last. Later reads wait as after `admit`. */
  const admitTyped = useCallback(() => {
    busy.current = true
  }, [])

  /** Shows a result for `resultMs`, reading nothing meanwhile. */
  const show = useCallback(
    (next: R) => {
      busy.current = true
      setResult(next)
      clearTimeout(timer.current)
      timer.current = setTimeout(() => {
        setResult(null)
        busy.current = false
      }, resultMs)
    },
    [resultMs],
  )

  /** The check failed rather than judged the pass: the same code may be sent again. */
  const forgetCode = useCallback(() => {
    lastSent.current = null
  }, [])

  /** The check ended with nothing to show (offline, kiosk revoked): read again at once, the same code too. */
  const cancel = useCallback(() => {
    lastSent.current = null
    busy.current = false
  }, [])

  return { result, admit, admitTyped, show, forgetCode, cancel }
}
