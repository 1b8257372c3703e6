'use client'

import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { z } from 'zod'
import { postJson, type ApiFailure } from '@/components/api-client'
import { codeInputValue } from '@/lib/login/code'
import type { startLoginResponseSchema, verifyLoginResponseSchema } from '@/lib/login/schemas'

/** What POST /api/auth/login answers (a type only: nothing of lib/ reaches the browser bundle). */
type CodeSent = z.infer<typeof startLoginResponseSchema>

function useCountdown() {
  const [until, setUntil] = useState(0)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (until <= now) return
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [until, now])
  return {
    secondsLeft: Math.max(0, Math.ceil((until - now) / 1000)),
    start: (seconds: number) => {
      setNow(Date.now())
      setUntil(Date.now() + seconds * 1000)
    },
  }
}

export function LoginForm() {
  const [address, setAddress] = useState('')
  const [code, setCode] = useState('')
  const [sent, setSent] = useState<CodeSent | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [attemptsLeft, setAttemptsLeft] = useState<number | null>(null)
  // Too many wrong codes for this address: nothing is sent or checked until then.
  const [lockedUntil, setLockedUntil] = useState<Date | null>(null)
  const resend = useCountdown()
  const lock = useCountdown()
  const locked = lockedUntil !== null && lock.secondsLeft > 0
  const codeInput = useRef<HTMLInputElement>(null)

  function showFailure(failure: ApiFailure) {
    // A field the server refused (a code that is not 6 digits) says what is wrong with it.
    setError(failure.issues?.[0]?.message ?? failure.message)
    const until = lockedUntilFrom(failure)
    setLockedUntil(until)
    if (until) lock.start((until.getTime() - Date.now()) / 1000)
  }

  async function requestCode(event?: FormEvent) {
    event?.preventDefault()
    setBusy(true)
    setError(null)
    const result = await postJson<CodeSent>('/api/auth/login', { address })
    setBusy(false)
    if (!result.ok) {
      showFailure(result)
      if (result.retryAfterSeconds && !lockedUntilFrom(result)) resend.start(result.retryAfterSeconds)
      return
    }
    setSent(result.data)
    setCode('')
    setAttemptsLeft(null)
    setLockedUntil(null)
    resend.start(result.data.resendAfterSeconds)
  }

  // The code step replaces the form that had the focus (and a new code empties the input): the
  // focus goes to the code input, once it is on the page.
  useEffect(() => {
    if (sent) codeInput.current?.focus()
  }, [sent])

  // Phones that support WebOTP fill the code in from the SMS (its last line is "@host #code").
  useEffect(() => {
    if (!sent || sent.channel !== 'sms' || !('OTPCredential' in window)) return
    const abort = new AbortController()
    navigator.credentials
      .get({ otp: { transport: ['sms'] }, signal: abort.signal } as CredentialRequestOptions)
      .then((credential) => {
        const otp = (credential as (Credential & { code?: string }) | null)?.code
        if (otp) setCode(otp)
      })
      .catch(() => {})
    return () => abort.abort()
  }, [sent])

  async function verifyCode(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    const result = await postJson<z.infer<typeof verifyLoginResponseSchema>>('/api/auth/verify', { address, code })
    if (result.ok) {
      window.location.assign('/pass')
      return
    }
    setBusy(false)
    showFailure(result)
    setAttemptsLeft(attemptsFrom(result))
  }

  const lockOut = locked && lockedUntil && (
    <p className="notice" data-testid="locked-until">
      Locked out until {lockedUntil.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: no code is sent or checked for this
      address until then.
    </p>
  )

  if (!sent) {
    return (
      <form onSubmit={requestCode} noValidate>
        <label htmlFor="address">E-mail or phone number</label>
        <input
          id="address"
          name="address"
          type="text"
          inputMode="email"
          autoComplete="username"
          placeholder="you@example.com or +14155550123"
          value={address}
          onChange={(event) => setAddress(event.target.value)}
          aria-describedby={error ? 'login-error' : undefined}
          required
          autoFocus
        />
        {error && (
          <p id="login-error" className="error" role="alert">
            {error}
          </p>
        )}
        {lockOut}
        <div className="actions">
          <button type="submit" disabled={busy || address.trim() === ''}>
            {busy ? 'Sending…' : 'Send code'}
          </button>
        </div>
      </form>
    )
  }

  return (
    <form onSubmit={verifyCode} noValidate>
      <p role="status">
        If this address may sign in, we sent a code by {sent.channel === 'sms' ? 'SMS' : 'e-mail'} to <strong>{sent.sentTo}</strong>. It is
        valid for {Math.round(sent.expiresInSeconds / 60)} minutes.
      </p>
      {sent.createsFirstAdmin && (
        <p className="notice" role="note">
          No administrator exists yet: signing in now creates the administrator account.
        </p>
      )}
      {sent.demoCode && (
        <p className="notice demo-code">
          Demo mode: your code is <strong data-testid="demo-code">{sent.demoCode}</strong>
        </p>
      )}
      <label htmlFor="code">Code</label>
      <input
        ref={codeInput}
        id="code"
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        className="code-input"
        value={code}
        // Spaces and dashes go before the length is cut: pasting " 023 004" keeps 023004. (No
        // maxLength: the browser would cut the pasted text first.)
        onChange={(event) => setCode(codeInputValue(event.target.value))}
        aria-describedby={error ? 'code-error' : undefined}
        required
      />
      {error && (
        <p id="code-error" className="error" role="alert">
          {error}
        </p>
      )}
      {lockOut}
      {attemptsLeft !== null && attemptsLeft > 0 && !error?.includes('left') && (
        <p className="muted">
          {attemptsLeft} {attemptsLeft === 1 ? 'try' : 'tries'} left
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy || locked || code.length === 0}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <button type="button" className="secondary" onClick={() => requestCode()} disabled={busy || locked || resend.secondsLeft > 0}>
          {!locked && resend.secondsLeft > 0 ? `Send a new code in ${resend.secondsLeft} s` : 'Send a new code'}
        </button>
      </div>
      <p>
        <button
          type="button"
          className="link"
          onClick={() => {
            setSent(null)
            setError(null)
            setLockedUntil(null)
          }}
        >
          Use a different e-mail or phone number
        </button>
      </p>
    </form>
  )
}

function lockedUntilFrom(failure: ApiFailure): Date | null {
  const details = failure.details as { lockedUntil?: unknown } | undefined
  const until = typeof details?.lockedUntil === 'string' ? new Date(details.lockedUntil) : null
  return until && !Number.isNaN(until.getTime()) ? until : null
}

function attemptsFrom(failure: ApiFailure): number | null {
  const details = failure.details as { attemptsLeft?: unknown } | undefined
  return typeof details?.attemptsLeft === 'number' ? details.attemptsLeft : null
}
