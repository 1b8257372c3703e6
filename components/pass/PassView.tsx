'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import { requestJson } from '@/components/api-client'
import { PassQr, useScreenWakeLock } from './PassQr'

interface Pass {
  qrString: string
  secondsUntilRotation: number
  secondsUntilUsable: number
  grantSeconds: number
}

type PassState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; fatal: boolean }
  | { kind: 'ready'; pass: Pass; rotatesAt: number; usableAt: number }

/** How long "Access granted" stays on screen after a kiosk accepted the pass. */
const GRANTED_DISPLAY_MS = 5_000

export function PassView({ userId }: { userId: string }) {
  const [state, setState] = useState<PassState>({ kind: 'loading' })
  const [now, setNow] = useState(() => Date.now())
  const [grantedAt, setGrantedAt] = useState<number | null>(null)
  const [offline, setOffline] = useState(false)
  const wasValid = useRef(false)

  const loadPass = useCallback(async () => {
    const result = await requestJson<Pass>('/api/pass', { cache: 'no-store' })
    if (result.ok) {
      const fetchedAt = Date.now()
      // The clock state may lag behind the fetch by a tick; move it on so the new code never shows a
      // stale countdown.
      setNow(fetchedAt)
      setOffline(false)
      setState({
        kind: 'ready',
        pass: result.data,
        rotatesAt: fetchedAt + result.data.secondsUntilRotation * 1000,
        usableAt: result.data.secondsUntilUsable > 0 ? fetchedAt + result.data.secondsUntilUsable * 1000 : 0,
      })
    } else if (result.status === 401) {
      window.location.assign('/login')
    } else {
      setOffline(result.status === 0)
      setState((previous) =>
        previous.kind === 'ready' && result.status === 0
          ? previous
          : { kind: 'error', message: result.message, fatal: result.status === 403 || result.status === 404 },
      )
    }
  }, [])

  useEffect(() => {
    void loadPass()
  }, [loadPass])

  // The clock drives the countdown and renews the code when its step ends.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [])
  const rotatesAt = state.kind === 'ready' ? state.rotatesAt : null
  useEffect(() => {
    if (rotatesAt !== null && now >= rotatesAt) void loadPass()
  }, [now, rotatesAt, loadPass])

  // Polls the door state every second (as the seed's phone app did): a kiosk's success shows here at
  // once, and the next code is fetched so that a second door does not have to wait for the step.
  useEffect(() => {
    let stopped = false
    const poll = async () => {
      const result = await requestJson<{ validation: boolean }>(`/isvalid/${encodeURIComponent(userId)}`, {
        cache: 'no-store',
      })
      if (stopped) return
      if (!result.ok) {
        if (result.status === 0) setOffline(true)
        return
      }
      setOffline(false)
      if (result.data.validation && !wasValid.current) {
        setGrantedAt(Date.now())
        void loadPass()
      }
      wasValid.current = result.data.validation
    }
    const timer = setInterval(poll, 1_000)
    void poll()
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [userId, loadPass])

  useScreenWakeLock()

  const granted = grantedAt !== null && now - grantedAt < GRANTED_DISPLAY_MS

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
          <button type="button" onClick={() => void loadPass()}>
            Try again
          </button>
        )}
      </div>
    )
  }

  const secondsLeft = Math.max(0, Math.ceil((state.rotatesAt - now) / 1000))
  const waiting = state.usableAt > now
  return (
    <div className={`pass ${granted ? 'pass-granted' : ''}`}>
      <div role="status" aria-live="assertive" className="pass-granted-banner">
        {granted ? 'Access granted' : ''}
      </div>
      <PassQr
        qrString={state.pass.qrString}
        secondsLeft={secondsLeft}
        secondsUntilUsable={waiting ? Math.ceil((state.usableAt - now) / 1000) : 0}
        label="Your door pass QR code"
      />
      <p className="muted pass-hint">Hold this screen up to the door&apos;s camera.</p>
      {offline && (
        <p className="error" role="alert">
          Offline: the code keeps rotating, but &ldquo;Access granted&rdquo; cannot show until the connection is back.
        </p>
      )}
    </div>
  )
}
