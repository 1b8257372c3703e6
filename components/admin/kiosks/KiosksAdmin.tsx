'use client'

import { QRCodeSVG } from 'qrcode.react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { ApiFailure } from '@/components/api-client'
import { CopyButton } from '@/components/admin/CopyButton'
import { ConfirmDialog, Dialog } from '@/components/admin/Dialog'
import { formatDate, formatDateTime, formatRelative } from '@/components/admin/format'
import { fieldErrors, localFailure, sendJson, useAdminData } from '@/components/admin/use-admin-data'

interface Kiosk {
  id: string
  name: string
  createdAt: string
  revokedAt: string | null
  lastSeenAt: string | null
}

interface CreatedKiosk {
  id: string
  name: string
  token: string
  pairingUrl: string
}

const kioskUrl = (kiosk: { id: string }) => `/api/admin/kiosks/${encodeURIComponent(kiosk.id)}`

function kioskStatus(kiosk: Kiosk): { text: string; tone: 'ok' | 'bad' | 'neutral' } {
  if (kiosk.revokedAt) return { text: 'Revoked', tone: 'bad' }
  if (!kiosk.lastSeenAt) return { text: 'Not paired yet', tone: 'neutral' }
  return { text: 'Paired', tone: 'ok' }
}

export function KiosksAdmin() {
  const { state, reload } = useAdminData<{ kiosks: Kiosk[] }>('/api/admin/kiosks')
  const [created, setCreated] = useState<CreatedKiosk | null>(null)
  const [renaming, setRenaming] = useState<Kiosk | null>(null)
  const [revoking, setRevoking] = useState<Kiosk | null>(null)
  const [busy, setBusy] = useState(false)
  const [revokeError, setRevokeError] = useState<string | null>(null)
  const [notice, setNotice] = useState('')

  // While the pairing link is on screen, watch for the tablet to use it.
  useEffect(() => {
    if (!created) return
    const timer = setInterval(() => void reload(), 3_000)
    return () => clearInterval(timer)
  }, [created, reload])
  const createdPaired =
    created !== null && state.kind === 'ready' && state.data.kiosks.some((kiosk) => kiosk.id === created.id && kiosk.lastSeenAt)

  async function revoke(kiosk: Kiosk) {
    setBusy(true)
    setRevokeError(null)
    const result = await sendJson(kioskUrl(kiosk), 'DELETE')
    setBusy(false)
    if (!result.ok) {
      setRevokeError(result.message)
      return
    }
    setRevoking(null)
    setNotice(`${kiosk.name} is revoked: its scans are refused from now on.`)
    await reload()
  }

  return (
    <>
      {created ? (
        <PairingPanel kiosk={created} paired={createdPaired} onDone={() => setCreated(null)} />
      ) : (
        <CreateKioskForm
          onCreated={async (kiosk) => {
            setCreated(kiosk)
            setNotice('')
            await reload()
          }}
        />
      )}

      <h2>Door tablets</h2>
      <p role="status" className="admin-notice" aria-live="polite">
        {notice}
      </p>
      {state.kind === 'loading' && <p role="status">Loading kiosks…</p>}
      {state.kind === 'error' && (
        <div role="alert">
          <p className="error">Could not load the kiosks: {state.message}</p>
          <button type="button" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      )}
      {state.kind === 'ready' && state.data.kiosks.length === 0 && (
        <p>No kiosks yet. Add one above, then open its pairing link on the door&apos;s tablet.</p>
      )}
      {state.kind === 'ready' && state.data.kiosks.length > 0 && (
        <div className="table-scroll">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Last seen</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.data.kiosks.map((kiosk) => {
                const status = kioskStatus(kiosk)
                return (
                  <tr key={kiosk.id} className={kiosk.revokedAt ? 'is-muted' : undefined}>
                    <th scope="row">{kiosk.name}</th>
                    <td>
                      <span className={`badge badge-${status.tone}`}>{status.text}</span>
                      {kiosk.revokedAt && <span className="cell-detail">{formatDate(kiosk.revokedAt)}</span>}
                    </td>
                    <td>
                      {kiosk.lastSeenAt ? (
                        <time dateTime={kiosk.lastSeenAt} title={formatDateTime(kiosk.lastSeenAt)}>
                          {formatRelative(kiosk.lastSeenAt)}
                        </time>
                      ) : (
                        <span className="muted">never</span>
                      )}
                    </td>
                    <td>
                      <time dateTime={kiosk.createdAt}>{formatDate(kiosk.createdAt)}</time>
                    </td>
                    <td>
                      {!kiosk.revokedAt && (
                        <div className="row-actions">
                          <button type="button" className="secondary small" aria-label={`Rename ${kiosk.name}`} onClick={() => setRenaming(kiosk)}>
                            Rename
                          </button>
                          <button
                            type="button"
                            className="secondary small danger-text"
                            aria-label={`Revoke ${kiosk.name}`}
                            onClick={() => {
                              setRevokeError(null)
                              setRevoking(kiosk)
                            }}
                          >
                            Revoke
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}

      <Dialog open={renaming !== null} title={`Rename ${renaming?.name ?? 'kiosk'}`} onClose={() => setRenaming(null)}>
        {renaming && (
          <RenameKioskForm
            kiosk={renaming}
            onCancel={() => setRenaming(null)}
            onSaved={async (name) => {
              setRenaming(null)
              setNotice(`Renamed to ${name}.`)
              await reload()
            }}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? 'kiosk'}?`}
        confirmLabel="Revoke kiosk"
        busy={busy}
        error={revokeError}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && void revoke(revoking)}
      >
        <p>The tablet is unpaired at once: its scans are refused and it cannot open this door any more. This cannot be undone; to use the tablet again, add a new kiosk and pair it.</p>
      </ConfirmDialog>
    </>
  )
}

function CreateKioskForm({ onCreated }: { onCreated: (kiosk: CreatedKiosk) => Promise<void> }) {
  const [name, setName] = useState('')
  const [failure, setFailure] = useState<ApiFailure | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!name.trim()) return setFailure(localFailure('name', 'Enter the door’s name.'))
    setBusy(true)
    setFailure(null)
    const result = await sendJson<CreatedKiosk>('/api/admin/kiosks', 'POST', { name })
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
    <form onSubmit={submit} className="admin-panel" aria-labelledby="create-kiosk-heading" noValidate>
      <h2 id="create-kiosk-heading">Add a kiosk</h2>
      <p className="muted">A kiosk is a tablet at a door that scans passes with its camera.</p>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="kiosk-name">Door name</label>
          <input
            id="kiosk-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="Front door"
            maxLength={100}
            autoComplete="off"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'kiosk-name-error' : undefined}
          />
          {nameError && (
            <p id="kiosk-name-error" className="field-error">
              {nameError}
            </p>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add kiosk'}
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

/** The new kiosk's secret, once: as a link to open on the tablet and as a QR code for its camera. */
function PairingPanel({ kiosk, paired, onDone }: { kiosk: CreatedKiosk; paired: boolean; onDone: () => void }) {
  const link = new URL(kiosk.pairingUrl, window.location.origin).toString()
  const heading = useRef<HTMLHeadingElement>(null)
  // The form that was focused is gone: move to what replaced it, so screen readers read it next.
  useEffect(() => heading.current?.focus(), [])
  return (
    <section className="admin-panel secret-panel" aria-labelledby="pairing-heading">
      <h2 id="pairing-heading" tabIndex={-1} ref={heading}>
        Pair the tablet for {kiosk.name}
      </h2>
      <p className="secret-warning">
        <strong>Shown only once.</strong> This link holds the kiosk&apos;s secret token; it cannot be shown again. If it
        gets lost, revoke this kiosk and add a new one.
      </p>
      <div className="pairing">
        <figure className="pairing-qr">
          <div className="qr-box" role="img" aria-label={`QR code of the pairing link for ${kiosk.name}`}>
            <QRCodeSVG value={link} size={220} level="M" marginSize={2} />
          </div>
          <figcaption className="muted">Scan it with the tablet&apos;s camera, or open the pairing link on the tablet.</figcaption>
        </figure>
        <div className="pairing-text">
          <p className="secret-label" id="pairing-link-label">
            Pairing link
          </p>
          <p className="secret-value">
            <a href={link} aria-labelledby="pairing-link-label" data-testid="pairing-link" target="_blank" rel="noreferrer">
              {link}
            </a>
          </p>
          <div className="copy-row">
            <CopyButton text={link} label="Copy link" />
          </div>
          <p className="secret-label">Kiosk token</p>
          <p className="secret-value">
            <code data-testid="kiosk-token">{kiosk.token}</code>
          </p>
          <div className="copy-row">
            <CopyButton text={kiosk.token} label="Copy token" />
          </div>
          <p className="muted">The token also works as <code>Authorization: Bearer …</code> for <code>GET /validate/…</code>.</p>
        </div>
      </div>
      <p role="status" className={paired ? 'pairing-status ok' : 'pairing-status muted'}>
        {paired ? '✓ The tablet is paired and ready to scan.' : 'Waiting for the tablet to open the link…'}
      </p>
      <div className="actions">
        <button type="button" onClick={onDone}>
          Done: I paired the tablet
        </button>
      </div>
    </section>
  )
}

function RenameKioskForm(props: { kiosk: Kiosk; onCancel: () => void; onSaved: (name: string) => Promise<void> }) {
  const [name, setName] = useState(props.kiosk.name)
  const [failure, setFailure] = useState<ApiFailure | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!name.trim()) return setFailure(localFailure('name', 'Enter the door’s name.'))
    setBusy(true)
    setFailure(null)
    const result = await sendJson<Kiosk>(kioskUrl(props.kiosk), 'PATCH', { name })
    setBusy(false)
    if (!result.ok) {
      setFailure(result)
      return
    }
    await props.onSaved(name.trim())
  }

  return (
    <form onSubmit={submit} noValidate>
      <label htmlFor="rename-kiosk">New name</label>
      <input id="rename-kiosk" value={name} onChange={(event) => setName(event.target.value)} maxLength={100} data-autofocus />
      {failure && (
        <p className="error" role="alert">
          {failure.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save name'}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
