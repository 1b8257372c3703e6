'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import { requestJson } from '@/components/api-client'
import { PassQr, STEP_SECONDS, useScreenWakeLock } from './PassQr'

interface Pass {
  qrString: string
  shortCode: string | null
  secondsUntilRotation: number
  secondsUntilUsable: number
  grantSeconds: number
  grantedAt: string | null
}

type PassState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; fatal: boolean }
  | { kind: 'ready'; pass: Pass; rotatesAt: number; usableAt: number; periodSeconds: number }

/** How long "Access granted" stays on screen after a kiosk accepted the pass. */
const GRANTED_DISPLAY_MS = 5_000
const POLL_MS = 1_000
/** Retries while the server cannot be reached: 1 s, 2 s, 4 s … at most 30 s apart. */
const MAX_RETRY_MS = 30_000

export function retryDelayMs(failures: number) {
  return Math.min(MAX_RETRY_MS, POLL_MS * 2 ** Math.max(0, failures - 1))
}

export function PassView() {
  const [state, setState] = useState<PassState>({ kind: 'loading' })
  const [now, setNow] = useState(() => Date.now())
  const [grantShownAt, setGrantShownAt] = useState<number | null>(null)
  const [offline, setOffline] = useState(false)
  /** The last grant seen, so that a second grant while the first still runs shows too. */
  const lastGrant = useRef<string | null | undefined>(undefined)
  const failures = useRef(0)

  /** Fetches the pass; answers how long to wait before the next fetch, or null to stop. */
  const loadPass = useCallback(async (): Promise<number | null> => {
    const result = await requestJson<Pass>('/api/pass', { cache: 'no-store' })
    if (result.ok) {
      const fetchedAt = Date.now()
      const pass = result.data
      failures.current = 0
      if (lastGrant.current !== undefined && pass.grantedAt !== null && pass.grantedAt !== lastGrant.current) {
        setGrantShownAt(fetchedAt)
      }
      lastGrant.current = pass.grantedAt
      // The clock state may lag behind the fetch by a tick; move it on so the new code never shows a
      // stale countdown.
      setNow(fetchedAt)
      setOffline(false)
      setState({
        kind: 'ready',
        pass,
        rotatesAt: fetchedAt + pass.secondsUntilRotation * 1000,
        usableAt: pass.secondsUntilUsable > 0 ? fetchedAt + pass.secondsUntilUsable * 1000 : 0,
        // After a grant the pass shows the next step's code at once: it lasts up to two steps.
        periodSeconds: pass.secondsUntilRotation > STEP_SECONDS ? 2 * STEP_SECONDS : STEP_SECONDS,
      })
      return Math.min(POLL_MS, Math.max(0, pass.secondsUntilRotation * 1000))
    }
    if (result.status === 401) {
      window.location.assign('/login')
      return null
    }
    if (result.status === 0) {
      failures.current += 1
      setOffline(true)
      setState((previous) => (previous.kind === 'ready' ? previous : { kind: 'error', message: result.message, fatal: false }))
      return retryDelayMs(failures.current)
    }
    const fatal = result.status === 403 || result.status === 404
    setState({ kind: 'error', message: result.message, fatal })
    return fatal ? null : retryDelayMs(++failures.current)
  }, [])

  // One poll drives everything: a kiosk's grant shows within a second, the code is renewed when its
  // step ends, and a disabled pass disappears. Offline it backs off instead of hammering.
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      const delay = await loadPass()
      if (!stopped && delay !== null) timer = setTimeout(() => void poll(), delay)
    }
    void poll()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [loadPass, attempt])

  // Back online: ask at once rather than at the end of the back-off.
  useEffect(() => {
    const retry = () => setAttempt((n) => n + 1)
    window.addEventListener('online', retry)
    return () => window.removeEventListener('online', retry)
  }, [])

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [])

  useScreenWakeLock()

  const granted = grantShownAt !== null && now - grantShownAt < GRANTED_DISPLAY_MS

  if (state.kind === 'loading') {
    return (
      <p className="pass-status" role="status">
        Loading your pass…
      </p>
    )
  }
  if (state.kind === 'error') {
    return (
      <div className="pass-status" role="alert">
        <p className="error">{state.message}</p>
        {!state.fatal && (
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        )}
      </div>
    )
  }

  const secondsLeft = Math.max(0, Math.ceil((state.rotatesAt - now) / 1000))
  const waiting = state.usableAt > now
  if (offline) {
    // A door accepts a code until the step after its own ends; this page cannot know of a grant
    // meanwhile, nor show the next code, so it says how long this one may still work.
    const secondsValid = Math.ceil((state.rotatesAt + STEP_SECONDS * 1000 - now) / 1000)
    if (secondsValid <= 0) {
      return (
        <div className="pass-status" role="alert">
          <p className="error">Reconnecting… This phone is offline, so it cannot show a working code.</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again now
          </button>
        </div>
      )
    }
    return (
      <div className="pass">
        <PassQr
          qrString={state.pass.qrString}
          shortCode={state.pass.shortCode}
          secondsLeft={secondsValid}
          periodSeconds={STEP_SECONDS * 2}
          secondsUntilUsable={0}
          label="Your door pass QR code"
          countdown={
            <>
              This code stops working in <strong>{secondsValid}</strong> s
            </>
          }
        />
        <p className="error" role="alert">
          Offline: reconnecting. &ldquo;Access granted&rdquo; cannot show until the connection is back.
        </p>
      </div>
    )
  }
  return (
    <div className={`pass ${granted ? 'pass-granted' : ''}`}>
      <div role="status" aria-live="assertive" className="pass-granted-banner">
        {granted ? 'Access granted' : ''}
      </div>
      <PassQr
        qrString={state.pass.qrString}
        shortCode={state.pass.shortCode}
        secondsLeft={secondsLeft}
        periodSeconds={state.periodSeconds}
        secondsUntilUsable={waiting ? Math.ceil((state.usableAt - now) / 1000) : 0}
        label="Your door pass QR code"
      />
      <p className="muted pass-hint">Hold this screen up to the door&apos;s camera.</p>
    </div>
  )
}
