'use client'

import type { IScannerControls } from '@zxing/browser'
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type { z } from 'zod'
import { postJson, requestJson } from '@/components/api-client'
import type { kioskScanResponseSchema } from '@/lib/door/pass-schemas'
import type { kioskHeartbeatResponseSchema } from '@/lib/events/api-schemas'
import { startFallbackDecoder } from './fallback-decoder'
import { playResultSound } from './feedback-sound'
import { useScanGate } from './use-scan-gate'

const TOKEN_KEY = 'qrdoor.kioskToken'
/** How long a result stays on screen before the kiosk scans again. */
const RESULT_MS = 4_000
/** A code read again within this time is not sent again (the camera sees it many times a second). */
const SAME_CODE_MS = 60_000
/**
 * How often a paired kiosk sends its heartbeat: the console shows it online, and a revoked kiosk
 * learns it from the answer (401) instead of looking ready.
 */
const HEARTBEAT_MS = 30_000
const REVOKED_MESSAGE = 'This kiosk was revoked. Ask an administrator to pair it again.'

type KioskHeartbeat = z.infer<typeof kioskHeartbeatResponseSchema>

/** "I am here": the server records the kiosk as online and answers with its name and door. */
function sendHeartbeat(token: string) {
  return requestJson<KioskHeartbeat>('/api/kiosk/heartbeat', { method: 'POST', headers: { authorization: `Bearer ${token}` } })
}

type Pairing =
  | { kind: 'checking' }
  | { kind: 'unpaired'; message?: string }
  /** `door` is undefined while not known (paired from the stored token while offline). */
  | { kind: 'paired'; token: string; name: string; door?: { id: string; name: string } | null }

type Camera = 'off' | 'starting' | 'on' | 'denied' | 'none' | 'failed'

type KioskScan = z.infer<typeof kioskScanResponseSchema>
/** What the result screen shows: the API's verdict, or a failed check as a denial with its message. */
type ScanOutcome = Pick<KioskScan, 'granted' | 'message' | 'userName'>

export function KioskScreen() {
  const [pairing, setPairing] = useState<Pairing>({ kind: 'checking' })
  const [camera, setCamera] = useState<Camera>('off')
  const { result, admit, admitTyped, show, forgetCode, cancel } = useScanGate<ScanOutcome>({
    sameCodeMs: SAME_CODE_MS,
    resultMs: RESULT_MS,
  })
  const [offline, setOffline] = useState(false)
  const [checking, setChecking] = useState(false)
  const video = useRef<HTMLVideoElement>(null)
  /** The check running now, which a typed code waits for instead of being dropped. */
  const running = useRef<Promise<void>>(Promise.resolve())

  const pair = useCallback(async (token: string) => {
    // The first heartbeat checks the token, names the kiosk and its door, and shows it online at once.
    const response = await sendHeartbeat(token)
    if (response.ok) {
      localStorage.setItem(TOKEN_KEY, token)
      setOffline(false)
      setPairing({ kind: 'paired', token, name: response.data.kiosk.name, door: response.data.door })
    } else if (response.status === 0) {
      // Offline at start: trust the stored token and keep trying once the network is back.
      setOffline(true)
      setPairing({ kind: 'paired', token, name: 'Door' })
    } else {
      localStorage.removeItem(TOKEN_KEY)
      setPairing({
        kind: 'unpaired',
        message: 'This pairing link is not valid, or the kiosk was revoked. Ask an administrator for a new one.',
      })
    }
  }, [])

  // Pairing: ?pair=<token> from the admin's link is kept on the device and removed from the address bar.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search)
    const fromLink = params.get('pair')
    if (fromLink) window.history.replaceState(null, '', '/kiosk')
    const token = fromLink ?? localStorage.getItem(TOKEN_KEY)
    if (token) void pair(token)
    else setPairing({ kind: 'unpaired' })
  }, [pair])

  useEffect(() => {
    const update = () => setOffline(!navigator.onLine)
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    return () => {
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
    }
  }, [])

  const token = pairing.kind === 'paired' ? pairing.token : null

  const check = useCallback(
    async (text: string) => {
      if (!token) return
      setChecking(true)
      const response = await postJson<KioskScan>('/api/kiosk/scans', { input: text }, { headers: { authorization: `Bearer ${token}` } })
      setChecking(false)
      if (!response.ok) {
        if (response.status === 0) {
          cancel()
          setOffline(true)
        } else if (response.status === 401) {
          cancel()
          localStorage.removeItem(TOKEN_KEY)
          setPairing({ kind: 'unpaired', message: REVOKED_MESSAGE })
        } else {
          // Refused without a verdict (too many requests, say): shown like a denial, and the same
          // pass may be tried again once the message is gone.
          forgetCode()
          show({ granted: false, message: response.message, userName: null })
        }
        return
      }
      setOffline(false)
      show(response.data)
      playResultSound(response.data.granted)
    },
    [token, show, forgetCode, cancel],
  )

  /** A camera read: sent only when the gate admits it (see use-scan-gate.ts). */
  const submitRead = useCallback(
    async (text: string) => {
      if (!token || !admit(text)) return
      running.current = check(text)
      await running.current
    },
    [token, admit, check],
  )

  /** A typed code: always checked and answered, after the check already running if there is one. */
  const submitTyped = useCallback(
    async (text: string) => {
      if (!token) return
      const run = () => {
        admitTyped()
        return check(text)
      }
      const typed = running.current.then(run, run)
      running.current = typed
      await typed
    },
    [token, admitTyped, check],
  )

  // The heartbeat, every 30 s and whenever the tab is shown again: the console shows the kiosk online
  // while it comes, and a kiosk revoked meanwhile learns it here, not at the next scan.
  useEffect(() => {
    if (!token) return
    let stopped = false
    const heartbeat = async () => {
      const response = await sendHeartbeat(token)
      if (stopped) return
      if (response.ok) {
        setOffline(false)
        setPairing({ kind: 'paired', token, name: response.data.kiosk.name, door: response.data.door })
      } else if (response.status === 401) {
        localStorage.removeItem(TOKEN_KEY)
        setPairing({ kind: 'unpaired', message: REVOKED_MESSAGE })
      } else if (response.status === 0) {
        setOffline(true)
      }
    }
    const interval = setInterval(() => void heartbeat(), HEARTBEAT_MS)
    const onVisible = () => {
      if (document.visibilityState === 'visible') void heartbeat()
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      stopped = true
      clearInterval(interval)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [token])

  // The camera runs while the kiosk is paired; @zxing/browser decodes frames continuously.
  useEffect(() => {
    if (!token || !video.current) return
    let controls: IScannerControls | null = null
    let stopFallback: (() => void) | null = null
    let cancelled = false
    setCamera('starting')
    ;(async () => {
      const { BrowserQRCodeReader } = await import('@zxing/browser')
      const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 150 })
      try {
        controls = await reader.decodeFromConstraints({ video: { facingMode: 'environment' }, audio: false }, video.current!, (decoded) => {
          if (decoded) void submitRead(decoded.getText())
        })
        if (cancelled) controls.stop()
        else {
          setCamera('on')
          stopFallback = startFallbackDecoder({ video: video.current!, onDecoded: (text) => void submitRead(text) })
        }
      } catch (error) {
        if (cancelled) return
        const name = (error as { name?: string }).name
        setCamera(
          name === 'NotAllowedError' || name === 'SecurityError'
            ? 'denied'
            : name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError'
              ? 'none'
              : 'failed',
        )
      }
    })()
    return () => {
      cancelled = true
      controls?.stop()
      stopFallback?.()
    }
  }, [token, submitRead])

  if (pairing.kind === 'checking') {
    return (
      <main className="kiosk kiosk-message">
        <p role="status">Starting the kiosk…</p>
      </main>
    )
  }

  if (pairing.kind === 'unpaired') {
    return <UnpairedKiosk message={pairing.message} onPair={pair} />
  }

  return (
    <main className={`kiosk ${result ? (result.granted ? 'kiosk-granted' : 'kiosk-denied') : ''}`}>
      <header className="kiosk-header">
        <KioskTitle kioskName={pairing.name} door={pairing.door} />
        {offline && (
          <span className="kiosk-offline" role="alert">
            Offline: scans cannot be checked until the network is back
          </span>
        )}
      </header>

      {result ? (
        <section className="kiosk-result" role="alert" aria-live="assertive">
          <p className="kiosk-result-title">{result.granted ? 'Access granted' : 'Access denied'}</p>
          {result.userName && <p className="kiosk-result-name">{result.userName}</p>}
          {!result.granted && <p className="kiosk-result-reason">{result.message}</p>}
        </section>
      ) : null}

      <section className={`kiosk-camera ${result ? 'hidden' : ''}`} aria-label="Camera">
        <video
          ref={video}
          className={`kiosk-video ${camera === 'denied' || camera === 'none' || camera === 'failed' ? 'hidden' : ''}`}
          muted
          playsInline
          aria-hidden="true"
        />
        <div className="kiosk-camera-state" role="status">
          {checking && 'Checking…'}
          {!checking && camera === 'starting' && 'Starting the camera…'}
          {!checking && camera === 'on' && 'Hold your pass up to the camera'}
          {camera === 'denied' && (
            <span className="kiosk-problem">
              Camera access is blocked. Allow the camera for this site in the browser&apos;s settings, then reload this page. Until then,
              type codes below.
            </span>
          )}
          {camera === 'none' && (
            <span className="kiosk-problem">No camera was found on this device. Connect one and reload, or type codes below.</span>
          )}
          {camera === 'failed' && <span className="kiosk-problem">The camera could not start. Reload the page, or type codes below.</span>}
        </div>
      </section>

      <ManualEntry onSubmit={submitTyped} disabled={!!result} />
    </main>
  )
}

/** Which door this is, big: the door's name, and the kiosk's own name when it says more. */
function KioskTitle({ kioskName, door }: { kioskName: string; door: { name: string } | null | undefined }) {
  // The page's one heading: a screen reader, like a person in front of the tablet, learns first which door this is.
  if (door === undefined) return <h1 className="kiosk-name">{kioskName}</h1>
  if (!door) {
    return (
      <>
        <h1 className="kiosk-name">{kioskName}</h1>
        <span className="kiosk-problem kiosk-no-door">Not at any door: every scan is refused. Ask an administrator to pick its door.</span>
      </>
    )
  }
  return (
    <h1 className="kiosk-name">
      <span className="kiosk-door">{door.name}</span>
      {kioskName !== door.name && <span className="kiosk-device">{kioskName}</span>}
    </h1>
  )
}

function ManualEntry({ onSubmit, disabled }: { onSubmit: (text: string) => Promise<void>; disabled: boolean }) {
  const [text, setText] = useState('')
  return (
    <form
      className="kiosk-manual"
      onSubmit={(event: FormEvent) => {
        event.preventDefault()
        if (text.trim()) void onSubmit(text.trim()).then(() => setText(''))
      }}
    >
      <label htmlFor="manual-code">Type a pass code instead</label>
      <div className="kiosk-manual-row">
        <input
          id="manual-code"
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          placeholder="e.g. K7QM 2X 123 456"
        />
        <button type="submit" disabled={disabled || !text.trim()}>
          Check code
        </button>
      </div>
    </form>
  )
}

function UnpairedKiosk({ message, onPair }: { message?: string; onPair: (token: string) => Promise<void> }) {
  const [token, setToken] = useState('')
  return (
    <main className="kiosk kiosk-message">
      <h1>This tablet is not paired with a door</h1>
      {message && (
        <p className="kiosk-problem" role="alert">
          {message}
        </p>
      )}
      <p>
        An administrator creates a kiosk in <strong>Admin → Kiosks</strong>, then opens its pairing link on this tablet (or scans the
        pairing QR code with it).
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (token.trim()) void onPair(token.trim())
        }}
      >
        <label htmlFor="pairing-token">Or paste the kiosk token</label>
        <div className="kiosk-manual-row">
          <input id="pairing-token" value={token} onChange={(event) => setToken(event.target.value)} autoComplete="off" />
          <button type="submit" disabled={!token.trim()}>
            Pair
          </button>
        </div>
      </form>
    </main>
  )
}
