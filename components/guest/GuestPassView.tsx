'use client'

// The guest's pass (/g/{token}): a countdown before it starts, the rotating door QR code while it is
// valid, a clear end state after. The page asks the guest API every second while the pass is active
// (the code, "Access granted" and the uses come from there), now and then before it starts, and no
// more once it is over.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import type { z } from 'zod'
import { requestJson } from '@/components/api-client'
import { PassQr, useScreenWakeLock } from '@/components/pass/PassQr'
import type { guestViewResponseSchema } from '@/lib/access/api-schemas'
import { durationWords, whenWords } from './guest-time'

/** The API's answer. */
export type GuestView = z.infer<typeof guestViewResponseSchema>

type ViewState =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; view: GuestView; rotatesAt: number | null; usableAt: number }

/** While the pass is active: as often as /pass asks /isvalid, so "Access granted" shows at once. */
const ACTIVE_POLL_MS = 1_000
/** Before it starts: now and then (a revocation shows), and often in its last minute. */
const UPCOMING_POLL_MS = 30_000
const STARTING_POLL_MS = 2_000
/** How long "Access granted" stays on screen after a kiosk accepted the pass. */
const GRANTED_DISPLAY_MS = 5_000

const ENDED = new Set<GuestView['state']>(['expired', 'used_up', 'revoked'])

export function GuestPassView({ token }: { token: string }) {
  const [state, setState] = useState<ViewState>({ kind: 'loading' })
  const [now, setNow] = useState(() => Date.now())
  const [offline, setOffline] = useState(false)
  const [grantedAt, setGrantedAt] = useState<number | null>(null)
  const wasGranted = useRef(false)

  const load = useCallback(async () => {
    const result = await requestJson<GuestView>(`/api/guest/${encodeURIComponent(token)}`, { cache: 'no-store' })
    const fetchedAt = Date.now()
    if (result.ok) {
      const view = result.data
      setNow(fetchedAt)
      setOffline(false)
      if (view.granted && !wasGranted.current) setGrantedAt(fetchedAt)
      wasGranted.current = view.granted
      setState({
        kind: 'ready',
        view,
        rotatesAt: view.secondsUntilRotation === null ? null : fetchedAt + view.secondsUntilRotation * 1000,
        usableAt: view.secondsUntilUsable ? fetchedAt + view.secondsUntilUsable * 1000 : 0,
      })
    } else if (result.status === 404) {
      setState({ kind: 'invalid' })
    } else {
      // Offline or refused for now (too many requests, a server error): a pass already on screen stays.
      setOffline(result.status === 0)
      setState((previous) => (previous.kind === 'ready' ? previous : { kind: 'error', message: result.message }))
    }
  }, [token])

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [])

  const view = state.kind === 'ready' ? state.view : null
  const pollMs =
    view === null || ENDED.has(view.state)
      ? null
      : view.state === 'active'
        ? ACTIVE_POLL_MS
        : Date.parse(view.validFrom) - now < 60_000
          ? STARTING_POLL_MS
          : UPCOMING_POLL_MS
  useEffect(() => {
    if (pollMs === null) return
    const timer = setInterval(() => void load(), pollMs)
    return () => clearInterval(timer)
  }, [pollMs, load])

  // Offline, nothing else asks: come back as soon as the browser says the network is there.
  useEffect(() => {
    const online = () => void load()
    window.addEventListener('online', online)
    return () => window.removeEventListener('online', online)
  }, [load])

  useScreenWakeLock()

  if (state.kind === 'loading') {
    return (
      <p className="pass-status" role="status">
        Loading your pass…
      </p>
    )
  }
  if (state.kind === 'invalid') {
    return (
      <EndState title="This link is not valid">
        Check that you opened the whole link from your message. If it still does not work, ask the person who sent it for a new one.
      </EndState>
    )
  }
  if (state.kind === 'error') {
    return (
      <div className="pass-status guest-end" role="alert">
        <h1>{offline ? 'You are offline' : 'Your pass could not be loaded'}</h1>
        <p>{offline ? 'Your pass needs the internet to show its code. Connect, then try again.' : state.message}</p>
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    )
  }

  const { view: pass, rotatesAt, usableAt } = state
  const at = new Date(now)
  const validFrom = new Date(pass.validFrom)
  const validUntil = new Date(pass.validUntil)
  const uses = usesWords(pass)

  if (pass.state === 'revoked') {
    return (
      <EndState title="This pass was revoked">
        It no longer opens any door. If you still need to get in, ask the person who sent it.
      </EndState>
    )
  }
  if (pass.state === 'expired') {
    return (
      <EndState title="This pass has expired">
        It was valid until {whenWords(validUntil, at)}. If you still need to get in, ask the person who sent it for a new one.
      </EndState>
    )
  }
  if (pass.state === 'used_up') {
    return (
      <EndState title="This pass is used up">
        It has opened doors {pass.uses === 1 ? 'once' : `${pass.uses} times`}, as often as it allows. If you still need to get in, ask the
        person who sent it.
      </EndState>
    )
  }

  if (pass.state === 'upcoming') {
    const startsIn = validFrom.getTime() - now
    return (
      <section className="pass guest-upcoming" aria-labelledby="guest-heading">
        <h1 id="guest-heading" className="guest-title">
          Door pass for {pass.name}
        </h1>
        <p className="guest-countdown" role="timer" aria-live="off">
          {startsIn > 0 ? (
            <>
              Your pass starts in <strong>{durationWords(startsIn)}</strong> — {whenWords(validFrom, at)}
            </>
          ) : (
            <>Your pass is starting…</>
          )}
        </p>
        <p className="pass-hint">
          Keep this page: the door QR code appears here then. Valid until {whenWords(validUntil, at)}
          {uses ? `, ${uses}` : ''}.
        </p>
        {offline && (
          <p className="error" role="alert">
            You are offline: this page catches up when the connection is back.
          </p>
        )}
      </section>
    )
  }

  // Active. Offline, the code on screen works until it changes; after that there is none to show.
  const granted = grantedAt !== null && now - grantedAt < GRANTED_DISPLAY_MS
  const codeCurrent = pass.qrString !== null && rotatesAt !== null && (now < rotatesAt || !offline)
  const secondsLeft = rotatesAt === null ? 0 : Math.max(0, Math.ceil((rotatesAt - now) / 1000))
  return (
    <section className={`pass ${granted ? 'pass-granted' : ''}`} aria-labelledby="guest-heading">
      <h1 id="guest-heading" className="guest-title">
        Door pass for {pass.name}
      </h1>
      <div role="status" aria-live="assertive" className="pass-granted-banner">
        {granted ? 'Access granted' : ''}
      </div>
      {codeCurrent ? (
        <PassQr
          qrString={pass.qrString!}
          shortCode={pass.shortCode}
          secondsLeft={secondsLeft}
          secondsUntilUsable={usableAt > now ? Math.ceil((usableAt - now) / 1000) : 0}
          label="Your door pass QR code"
        />
      ) : offline ? (
        <p className="pass-status error" role="alert">
          You are offline, so there is no current code to show. It loads as soon as the connection is back.
        </p>
      ) : (
        <p className="pass-status" role="status">
          Loading the code…
        </p>
      )}
      <p className="pass-hint">
        Hold this screen up to the door&apos;s camera. Valid until {whenWords(validUntil, at)}
        {uses ? `; ${uses}` : ''}.
      </p>
      {offline && codeCurrent && (
        <p className="error" role="alert">
          You are offline. The door can still read this code until it changes; the next one loads when the connection is back.
        </p>
      )}
    </section>
  )
}

/** "2 of 5 door openings used", "1 door opening left"; nothing when the pass has no limit. */
function usesWords(pass: GuestView): string {
  if (pass.maxUses === null) return ''
  const left = Math.max(0, pass.maxUses - pass.uses)
  return `${left} of ${pass.maxUses} door ${pass.maxUses === 1 ? 'opening' : 'openings'} left`
}

function EndState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="pass guest-end" aria-labelledby="guest-heading">
      <h1 id="guest-heading" className="guest-title">
        {title}
      </h1>
      <p>{children}</p>
    </section>
  )
}
