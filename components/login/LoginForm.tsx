'use client'

import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { z } from 'zod'
import { postJson, type ApiFailure } from '@/components/api-client'
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
  const resend = useCountdown()
  const codeInput = useRef<HTMLInputElement>(null)

  async function requestCode(event?: FormEvent) {
    event?.preventDefault()
    setBusy(true)
    setError(null)
    const result = await postJson<CodeSent>('/api/auth/login', { address })
    setBusy(false)
    if (!result.ok) {
      setError(result.message)
      if (result.retryAfterSeconds) resend.start(result.retryAfterSeconds)
      return
    }
    setSent(result.data)
    setCode('')
    setAttemptsLeft(null)
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
    setError(result.message)
    setAttemptsLeft(attemptsFrom(result))
  }

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
        We sent a code by {sent.channel === 'sms' ? 'SMS' : 'e-mail'} to <strong>{sent.sentTo}</strong>. It is valid
        for {Math.round(sent.expiresInSeconds / 60)} minutes.
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
        maxLength={6}
        className="code-input"
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/\s/g, ''))}
        aria-describedby={error ? 'code-error' : undefined}
        required
      />
      {error && (
        <p id="code-error" className="error" role="alert">
          {error}
        </p>
      )}
      {attemptsLeft !== null && attemptsLeft > 0 && !error?.includes('left') && (
        <p className="muted">
          {attemptsLeft} {attemptsLeft === 1 ? 'try' : 'tries'} left
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy || code.length === 0}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <button type="button" className="secondary" onClick={() => requestCode()} disabled={busy || resend.secondsLeft > 0}>
          {resend.secondsLeft > 0 ? `Send a new code in ${resend.secondsLeft} s` : 'Send a new code'}
        </button>
      </div>
      <p>
        <button
          type="button"
          className="link"
          onClick={() => {
            setSent(null)
            setError(null)
          }}
        >
          Use a different e-mail or phone number
        </button>
      </p>
    </form>
  )
}

function attemptsFrom(failure: ApiFailure): number | null {
  const details = failure.details as { attemptsLeft?: unknown } | undefined
  return typeof details?.attemptsLeft === 'number' ? details.attemptsLeft : null
}
