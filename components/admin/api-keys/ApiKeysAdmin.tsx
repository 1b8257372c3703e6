'use client'

import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { ApiFailure } from '@/components/api-client'
import { CopyButton } from '@/components/admin/CopyButton'
import { ConfirmDialog } from '@/components/admin/Dialog'
import { formatDate, formatDateTime, formatRelative } from '@/components/admin/format'
import { fieldErrors, localFailure, sendJson, useAdminData } from '@/components/admin/use-admin-data'

interface ApiKey {
  id: string
  name: string
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

interface CreatedApiKey {
  id: string
  name: string
  prefix: string
  key: string
  createdAt: string
}

export function ApiKeysAdmin() {
  const { state, reload } = useAdminData<{ apiKeys: ApiKey[] }>('/api/admin/api-keys')
  const [created, setCreated] = useState<CreatedApiKey | null>(null)
  const [revoking, setRevoking] = useState<ApiKey | null>(null)
  const [busy, setBusy] = useState(false)
  const [revokeError, setRevokeError] = useState<string | null>(null)
  const [notice, setNotice] = useState('')

  async function revoke(key: ApiKey) {
    setBusy(true)
    setRevokeError(null)
    const result = await sendJson(`/api/admin/api-keys/${encodeURIComponent(key.id)}`, 'DELETE')
    setBusy(false)
    if (!result.ok) {
      setRevokeError(result.message)
      return
    }
    setRevoking(null)
    if (created?.id === key.id) setCreated(null)
    setNotice(`${key.name} is revoked: requests with it are refused from now on.`)
    await reload()
  }

  return (
    <>
      {created ? (
        <NewKeyPanel apiKey={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateKeyForm
          onCreated={async (key) => {
            setCreated(key)
            setNotice('')
            await reload()
          }}
        />
      )}

      <h2>Keys</h2>
      <p role="status" className="admin-notice" aria-live="polite">
        {notice}
      </p>
      {state.kind === 'loading' && <p role="status">Loading API keys…</p>}
      {state.kind === 'error' && (
        <div role="alert">
          <p className="error">Could not load the API keys: {state.message}</p>
          <button type="button" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      )}
      {state.kind === 'ready' && state.data.apiKeys.length === 0 && (
        <p>No API keys yet. Backends that generate codes or read the door state need one.</p>
      )}
      {state.kind === 'ready' && state.data.apiKeys.length > 0 && (
        <div className="table-scroll">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.data.apiKeys.map((key) => (
                <tr key={key.id} className={key.revokedAt ? 'is-muted' : undefined}>
                  <th scope="row">{key.name}</th>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>
                    <time dateTime={key.createdAt}>{formatDate(key.createdAt)}</time>
                  </td>
                  <td>
                    {key.lastUsedAt ? (
                      <time dateTime={key.lastUsedAt} title={formatDateTime(key.lastUsedAt)}>
                        {formatRelative(key.lastUsedAt)}
                      </time>
                    ) : (
                      <span className="muted">never</span>
                    )}
                  </td>
                  <td>
                    <span className={`badge ${key.revokedAt ? 'badge-bad' : 'badge-ok'}`}>{key.revokedAt ? 'Revoked' : 'Active'}</span>
                    {key.revokedAt && <span className="cell-detail">{formatDate(key.revokedAt)}</span>}
                  </td>
                  <td>
                    {!key.revokedAt && (
                      <button
                        type="button"
                        className="secondary small danger-text"
                        aria-label={`Revoke ${key.name}`}
                        onClick={() => {
                          setRevokeError(null)
                          setRevoking(key)
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? 'API key'}?`}
        confirmLabel="Revoke key"
        busy={busy}
        error={revokeError}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && void revoke(revoking)}
      >
        <p>Every request with this key is refused at once (401). Backends still using it stop working. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  )
}

function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => Promise<void> }) {
  const [name, setName] = useState('')
  const [failure, setFailure] = useState<ApiFailure | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!name.trim()) return setFailure(localFailure('name', 'Enter a name for the key.'))
    setBusy(true)
    setFailure(null)
    const result = await sendJson<CreatedApiKey>('/api/admin/api-keys', 'POST', { name })
    setBusy(false)
    if (!result.ok) {
      setFailure(result)
      return
    }
    setName('')
    await onCreated(result.data)
  }

  const nameError = fieldErrors(failure).name
  return (
    <form onSubmit={submit} className="admin-panel" aria-labelledby="create-key-heading" noValidate>
      <h2 id="create-key-heading">Create an API key</h2>
      <p className="muted">
        A key lets a backend call every API with <code>Authorization: Bearer &lt;key&gt;</code>. Name it after the system
        that uses it.
      </p>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="key-name">Key name</label>
          <input
            id="key-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="Billing backend"
            maxLength={100}
            autoComplete="off"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'key-name-error' : undefined}
          />
          {nameError && (
            <p id="key-name-error" className="field-error">
              {nameError}
            </p>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
      {failure && (
        <p className="error" role="alert">
          {failure.message}
        </p>
      )}
    </form>
  )
}

function NewKeyPanel({ apiKey, onDone }: { apiKey: CreatedApiKey; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null)
  // The form that was focused is gone: move to what replaced it, so screen readers read it next.
  useEffect(() => heading.current?.focus(), [])
  return (
    <section className="admin-panel secret-panel" aria-labelledby="new-key-heading">
      <h2 id="new-key-heading" tabIndex={-1} ref={heading}>
        New key: {apiKey.name}
      </h2>
      <p className="secret-warning">
        <strong>Shown only once.</strong> Copy the key now and store it where the backend reads its secrets; QR Door keeps
        only a hash of it and cannot show it again.
      </p>
      <p className="secret-label">API key</p>
      <p className="secret-value">
        <code data-testid="new-api-key">{apiKey.key}</code>
      </p>
      <div className="copy-row">
        <CopyButton text={apiKey.key} label="Copy key" />
      </div>
      <div className="actions">
        <button type="button" onClick={onDone}>
          Done: I stored the key
        </button>
      </div>
    </section>
  )
}
