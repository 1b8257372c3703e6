'use client'

import Link from 'next/link'
import { QRCodeSVG } from 'qrcode.react'
import { useState, type FormEvent } from 'react'
import type { z } from 'zod'
import { useDoors, type Door } from '@/components/admin/access/access-data'
import { ConfirmDialog, Dialog } from '@/components/admin/Dialog'
import { formatDate, formatRelative, formatSince } from '@/components/admin/format'
import { AdminTable, RowButton } from '@/components/admin/shared/AdminTable'
import { FormActions } from '@/components/admin/shared/FormActions'
import { FailureAlert, LoadStatus, Notice } from '@/components/admin/shared/LoadStatus'
import { RelativeTime } from '@/components/admin/shared/RelativeTime'
import { SecretPanel, SecretValue } from '@/components/admin/shared/SecretPanel'
import { StatusBadge, type Tone } from '@/components/admin/shared/StatusBadge'
import { readableFailure } from '@/components/admin/shared/readable-failure'
import { TextField } from '@/components/admin/shared/TextField'
import { useApiCall, usePendingAction } from '@/components/admin/shared/use-api-call'
import { fieldErrors, localFailure, sendJson, useAdminData } from '@/components/admin/use-admin-data'
import { FRONT_DOOR_ID } from '@/lib/access/defaults'
import type { createKioskResponseSchema, kioskListResponseSchema, kioskSchema } from '@/lib/door/api-schemas'

type Kiosk = z.infer<typeof kioskSchema>
type CreatedKiosk = z.infer<typeof createKioskResponseSchema>

/** While the pairing link is on screen, the list is asked this often whether the tablet used it. */
const PAIRING_POLL_MS = 3_000
/** Otherwise this often, for each kiosk's presence (the server marks kiosks offline every 15 s). */
const PRESENCE_POLL_MS = 15_000

const kioskUrl = (kiosk: { id: string }) => `/api/admin/kiosks/${encodeURIComponent(kiosk.id)}`
const missingName = 'Enter the kiosk’s name.'

function kioskStatus(kiosk: Kiosk): { text: string; tone: Tone } {
  if (kiosk.revokedAt) return { text: 'Revoked', tone: 'bad' }
  if (!kiosk.lastSeenAt) return { text: 'Not paired yet', tone: 'neutral' }
  return { text: 'Paired', tone: 'ok' }
}

/** Online (a heartbeat in the last 90 s), offline since its last heartbeat, or never seen. */
function KioskPresence({ kiosk }: { kiosk: Kiosk }) {
  if (kiosk.revokedAt) {
    return (
      <span className="muted">
        Last seen <RelativeTime iso={kiosk.lastSeenAt} />
      </span>
    )
  }
  if (kiosk.online) {
    return (
      <>
        <StatusBadge tone="ok">Online</StatusBadge>
        <span className="cell-detail">
          seen <RelativeTime iso={kiosk.lastSeenAt} />
        </span>
      </>
    )
  }
  if (!kiosk.offlineSince) return <StatusBadge tone="neutral">Never seen</StatusBadge>
  return (
    <>
      <StatusBadge tone="bad">Offline</StatusBadge>
      <span className="cell-detail">
        since{' '}
        <time dateTime={kiosk.offlineSince} title={formatRelative(kiosk.offlineSince)}>
          {formatSince(kiosk.offlineSince)}
        </time>
      </span>
    </>
  )
}

export function KiosksAdmin() {
  const [created, setCreated] = useState<CreatedKiosk | null>(null)
  // While the pairing link is on screen, watch for the tablet to use it. SWR stops polling a key that
  // holds an error, so while watching, a failed poll is tried again at the same pace.
  const { state, mutate } = useAdminData<z.infer<typeof kioskListResponseSchema>>('/api/admin/kiosks', {
    refreshInterval: created ? PAIRING_POLL_MS : PRESENCE_POLL_MS,
    shouldRetryOnError: created !== null,
    onErrorRetry: (_error, _key, _config, revalidate, options) => {
      setTimeout(() => void revalidate(options), PAIRING_POLL_MS)
    },
  })
  const doors = useDoors().list
  const [editing, setEditing] = useState<Kiosk | null>(null)
  const revoking = usePendingAction<Kiosk>()
  const [notice, setNotice] = useState('')
  const createdPaired =
    created !== null && state.kind === 'ready' && state.data.kiosks.some((kiosk) => kiosk.id === created.id && kiosk.lastSeenAt)

  async function revoke(kiosk: Kiosk) {
    const result = await revoking.act(() => sendJson(kioskUrl(kiosk), 'DELETE'))
    if (!result.ok) return
    setNotice(`${kiosk.name} is revoked: its scans are refused from now on.`)
    await mutate()
  }

  return (
    <>
      {created ? (
        <PairingPanel kiosk={created} paired={createdPaired} onDone={() => setCreated(null)} />
      ) : (
        <CreateKioskForm
          doors={doors}
          onCreated={async (kiosk) => {
            setCreated(kiosk)
            setNotice('')
            await mutate()
          }}
        />
      )}

      <h2>Door tablets</h2>
      <Notice>{notice}</Notice>
      <LoadStatus state={state} loading="Loading kiosks…" failed="Could not load the kiosks" onRetry={() => void mutate()} />
      {state.kind === 'ready' && state.data.kiosks.length === 0 && (
        <p>No kiosks yet. Add one above, then open its pairing link on the door&apos;s tablet.</p>
      )}
      {state.kind === 'ready' && state.data.kiosks.length > 0 && (
        <AdminTable columns={['Name', 'Presence', 'Door', 'Status', 'Added']} actions>
          {state.data.kiosks.map((kiosk) => {
            const status = kioskStatus(kiosk)
            return (
              <tr key={kiosk.id} className={kiosk.revokedAt ? 'is-muted' : undefined}>
                <th scope="row">{kiosk.name}</th>
                <td>
                  <KioskPresence kiosk={kiosk} />
                </td>
                <td>{kiosk.doorName ?? <span className="muted">No door: refuses every scan</span>}</td>
                <td>
                  <StatusBadge tone={status.tone}>{status.text}</StatusBadge>
                  {kiosk.revokedAt && <span className="cell-detail">{formatDate(kiosk.revokedAt)}</span>}
                </td>
                <td>
                  <time dateTime={kiosk.createdAt}>{formatDate(kiosk.createdAt)}</time>
                </td>
                <td>
                  {!kiosk.revokedAt && (
                    <div className="row-actions">
                      <RowButton label={`Edit ${kiosk.name}`} onClick={() => setEditing(kiosk)}>
                        Edit
                      </RowButton>
                      <RowButton label={`Revoke ${kiosk.name}`} danger onClick={() => revoking.open(kiosk)}>
                        Revoke
                      </RowButton>
                    </div>
                  )}
                </td>
              </tr>
            )
          })}
        </AdminTable>
      )}

      <Dialog open={editing !== null} title={`Edit ${editing?.name ?? 'kiosk'}`} onClose={() => setEditing(null)}>
        {editing && (
          <EditKioskForm
            kiosk={editing}
            doors={doors}
            onCancel={() => setEditing(null)}
            onSaved={async (kiosk) => {
              setEditing(null)
              setNotice(`Saved: ${kiosk.name} stands at ${kiosk.doorName ?? 'no door'}.`)
              await mutate()
            }}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={revoking.pending !== null}
        title={`Revoke ${revoking.pending?.name ?? 'kiosk'}?`}
        confirmLabel="Revoke kiosk"
        {...revoking.dialog}
        onConfirm={() => revoking.pending && void revoke(revoking.pending)}
      >
        <p>
          The tablet is unpaired at once: its scans are refused and it cannot open this door any more. This cannot be undone; to use the
          tablet again, add a new kiosk and pair it.
        </p>
      </ConfirmDialog>
    </>
  )
}

/** The new kiosk's secret, once: as a link to open on the tablet and as a QR code for its camera. */
function PairingPanel({ kiosk, paired, onDone }: { kiosk: CreatedKiosk; paired: boolean; onDone: () => void }) {
  const link = new URL(kiosk.pairingUrl, window.location.origin).toString()
  return (
    <SecretPanel
      headingId="pairing-heading"
      heading={`Pair the tablet for ${kiosk.name}`}
      warning={
        <>This link holds the kiosk&apos;s secret token; it cannot be shown again. If it gets lost, revoke this kiosk and add a new one.</>
      }
      doneLabel="Done: I paired the tablet"
      onDone={onDone}
    >
      <div className="pairing">
        <figure className="pairing-qr">
          <div className="qr-box" role="img" aria-label={`QR code of the pairing link for ${kiosk.name}`}>
            <QRCodeSVG value={link} size={220} level="M" marginSize={2} />
          </div>
          <figcaption className="muted">Scan it with the tablet&apos;s camera, or open the pairing link on the tablet.</figcaption>
        </figure>
        <div className="pairing-text">
          <SecretValue label="Pairing link" labelId="pairing-link-label" copy={link} copyLabel="Copy link">
            <a href={link} aria-labelledby="pairing-link-label" data-testid="pairing-link" target="_blank" rel="noreferrer">
              {link}
            </a>
          </SecretValue>
          <SecretValue label="Kiosk token" copy={kiosk.token} copyLabel="Copy token">
            <code data-testid="kiosk-token">{kiosk.token}</code>
          </SecretValue>
          <p className="muted">
            The token also works as <code>Authorization: Bearer …</code> for <code>GET /validate/…</code>.
          </p>
        </div>
      </div>
      <p role="status" className={paired ? 'pairing-status ok' : 'pairing-status muted'}>
        {paired ? '✓ The tablet is paired and ready to scan.' : 'Waiting for the tablet to open the link…'}
      </p>
    </SecretPanel>
  )
}

/** Where a new kiosk goes unless the admin picks another door: "Front door", else the first. */
function defaultDoorId(doors: Door[] | undefined): string {
  if (!doors || doors.length === 0) return ''
  return doors.find((door) => door.id === FRONT_DOOR_ID)?.id ?? doors[0]!.id
}

/** The door a kiosk stands at; its rules decide the kiosk's scans. */
function DoorSelect(props: { id: string; doors: Door[] | undefined; value: string; onChange: (doorId: string) => void; error?: string }) {
  const { id, doors } = props
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label htmlFor={id}>Door</label>
      <select
        id={id}
        value={props.value}
        disabled={!doors || doors.length === 0}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : !doors || doors.length === 0 ? hintId : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {!doors && <option value="">Loading doors…</option>}
        {doors?.length === 0 && <option value="">No doors yet</option>}
        {doors?.map((door) => (
          <option key={door.id} value={door.id}>
            {door.lockdown ? `${door.name} (in lockdown)` : door.name}
          </option>
        ))}
      </select>
      {doors?.length === 0 && (
        <p id={hintId} className="field-hint">
          Add a door on the <Link href="/admin/doors">Doors</Link> page first: a kiosk at no door refuses every scan.
        </p>
      )}
      {props.error && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  )
}

function CreateKioskForm(props: { doors: Door[] | undefined; onCreated: (kiosk: CreatedKiosk) => Promise<void> }) {
  const [name, setName] = useState('')
  // Empty until the admin picks: then the default door follows the list as it loads.
  const [picked, setPicked] = useState('')
  const doorId = picked || defaultDoorId(props.doors)
  const { busy, failure, setFailure, run } = useApiCall()
  const errors = fieldErrors(failure)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!name.trim()) return setFailure(localFailure('name', missingName))
    const result = await run(() => sendJson<CreatedKiosk>('/api/admin/kiosks', 'POST', { name, ...(doorId ? { doorId } : {}) }))
    if (!result.ok) return
    setName('')
    await props.onCreated(result.data)
  }

  return (
    <form onSubmit={submit} className="admin-panel" aria-labelledby="create-kiosk-heading" noValidate>
      <h2 id="create-kiosk-heading">Add a kiosk</h2>
      <p className="muted">A kiosk is a tablet at a door that scans passes with its camera.</p>
      <div className="form-grid">
        <TextField
          id="kiosk-name"
          label="Kiosk name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Front door tablet"
          maxLength={100}
          autoComplete="off"
          error={errors.name}
        />
        <DoorSelect id="kiosk-door" doors={props.doors} value={doorId} onChange={setPicked} error={errors.doorId} />
      </div>
      <FailureAlert failure={readableFailure(failure)} />
      <FormActions busy={busy} busyLabel="Adding…" submitLabel="Add kiosk" />
    </form>
  )
}

function EditKioskForm(props: { kiosk: Kiosk; doors: Door[] | undefined; onCancel: () => void; onSaved: (kiosk: Kiosk) => Promise<void> }) {
  const [name, setName] = useState(props.kiosk.name)
  const [doorId, setDoorId] = useState(props.kiosk.doorId ?? defaultDoorId(props.doors))
  const { busy, failure, setFailure, run } = useApiCall()
  const errors = fieldErrors(failure)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!name.trim()) return setFailure(localFailure('name', missingName))
    const result = await run(() => sendJson<Kiosk>(kioskUrl(props.kiosk), 'PATCH', { name, ...(doorId ? { doorId } : {}) }))
    if (!result.ok) return
    await props.onSaved(result.data)
  }

  return (
    <form onSubmit={submit} noValidate>
      <TextField
        id="edit-kiosk-name"
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        maxLength={100}
        autoComplete="off"
        error={errors.name}
        data-autofocus
      />
      <DoorSelect id="edit-kiosk-door" doors={props.doors} value={doorId} onChange={setDoorId} error={errors.doorId} />
      <p className="field-hint">Moved to another door, the kiosk decides its next scan by that door&apos;s groups and schedules.</p>
      <FailureAlert failure={readableFailure(failure)} />
      <FormActions busy={busy} busyLabel="Saving…" submitLabel="Save changes" onCancel={props.onCancel} />
    </form>
  )
}
