'use client'

// A panel that makes something from a name alone (a kiosk, an API key): POSTs `{ name }`, then
// hands the answer over; an empty name is caught before the request.
import { useState, type FormEvent, type ReactNode } from 'react'
import { fieldErrors, localFailure, sendJson } from '@/components/admin/use-admin-data'
import { SubmitButton } from './FormActions'
import { FailureAlert } from './LoadStatus'
import { TextField } from './TextField'
import { useApiCall } from './use-api-call'

export function CreateByNameForm<T>(props: {
  url: string
  headingId: string
  heading: string
  /** Said under the heading: what the thing is for. */
  children: ReactNode
  field: { id: string; label: string; placeholder: string; missing: string }
  submitLabel: string
  busyLabel: string
  onCreated: (created: T) => Promise<void>
}) {
  const [name, setName] = useState('')
  const { busy, failure, setFailure, run } = useApiCall()

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!name.trim()) return setFailure(localFailure('name', props.field.missing))
    const result = await run(() => sendJson<T>(props.url, 'POST', { name }))
    if (!result.ok) return
    setName('')
    await props.onCreated(result.data)
  }

  return (
    <form onSubmit={submit} className="admin-panel" aria-labelledby={props.headingId} noValidate>
      <h2 id={props.headingId}>{props.heading}</h2>
      {props.children}
      <div className="inline-form">
        <TextField
          id={props.field.id}
          label={props.field.label}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={props.field.placeholder}
          maxLength={100}
          autoComplete="off"
          error={fieldErrors(failure).name}
        />
        <SubmitButton busy={busy} busyLabel={props.busyLabel}>
          {props.submitLabel}
        </SubmitButton>
      </div>
      <FailureAlert failure={failure} />
    </form>
  )
}
