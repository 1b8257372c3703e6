'use client'

// The rotating door QR code and its countdown, shared by a user's /pass and a guest's /g/{token}.
import { QRCodeSVG } from 'qrcode.react'
import { useEffect, useState, type ReactNode } from 'react'
import { groupShortCode } from '@/lib/door/short-code'

/** The TOTP step: a new code every 30 s. */
export const STEP_SECONDS = 30

export function PassQr(props: {
  qrString: string
  /** The same pass to type at a kiosk (lib/door/short-code.ts), shown under the QR code when known. */
  shortCode?: string | null
  /** Whole seconds until the code changes. */
  secondsLeft: number
  /** Seconds until a new code may be used, when both codes of this step were used already; else 0. */
  secondsUntilUsable: number
  /** What the countdown counts down from, for the bar: a step unless told otherwise. */
  periodSeconds?: number
  /** Replaces the "New code in" line. */
  countdown?: ReactNode
  label: string
}) {
  const period = props.periodSeconds ?? STEP_SECONDS
  return (
    <>
      <div className="qr-frame" aria-label={props.label} role="img">
        {/* The frame carries the text alternative; the drawing inside it is decoration to a screen reader. */}
        <QRCodeSVG value={props.qrString} size={320} level="M" marginSize={2} className="qr" aria-hidden="true" />
      </div>
      <p className="pass-countdown" aria-live="off">
        {props.countdown ??
          (props.secondsUntilUsable > 0 ? (
            <>Both codes of this minute were used. Next code in {props.secondsUntilUsable} s</>
          ) : (
            <>
              New code in <strong>{props.secondsLeft}</strong> s
            </>
          ))}
      </p>
      <progress
        className="pass-progress"
        max={period}
        value={Math.min(period, props.secondsLeft)}
        aria-label="Time until the code changes"
      />
      {props.shortCode && <TypeableCode shortCode={props.shortCode} />}
      <p className="visually-hidden" data-testid="qr-string">
        {props.qrString}
      </p>
    </>
  )
}

/** The pass as a short code, for a kiosk's keyboard when its camera cannot read the screen. */
function TypeableCode({ shortCode }: { shortCode: string }) {
  const [copied, setCopied] = useState<string | null>(null)
  const grouped = groupShortCode(shortCode)
  const copy = () => {
    void navigator.clipboard
      ?.writeText(grouped)
      .then(() => setCopied(shortCode))
      .catch(() => {})
  }
  return (
    <p className="pass-typeable">
      <span className="pass-hint">Camera cannot read it? Type this code:</span>{' '}
      <code data-testid="typeable-code" className="pass-short-code">
        {grouped}
      </code>{' '}
      <button type="button" onClick={copy}>
        {copied === shortCode ? 'Copied' : 'Copy'}
      </button>
    </p>
  )
}

/** Keeps the phone's screen on while a pass is shown, where the browser allows it. */
export function useScreenWakeLock() {
  useEffect(() => {
    if (!('wakeLock' in navigator)) return
    let sentinel: WakeLockSentinel | null = null
    const request = () => {
      if (document.visibilityState !== 'visible') return
      navigator.wakeLock
        .request('screen')
        .then((lock) => {
          sentinel = lock
        })
        .catch(() => {})
    }
    request()
    document.addEventListener('visibilitychange', request)
    return () => {
      document.removeEventListener('visibilitychange', request)
      void sentinel?.release().catch(() => {})
    }
  }, [])
}
