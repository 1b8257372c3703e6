'use client'

import { QRCodeSVG } from 'qrcode.react'
import { useState, type FormEvent } from 'react'
import type { z } from 'zod'
import { ConfirmDialog, Dialog } from '@/components/admin/Dialog'
import { formatDate } from '@/components/admin/format'
import { AdminTable, RowButton } from '@/components/admin/shared/AdminTable'
import { CreateByNameForm } from '@/components/admin/shared/CreateByNameForm'
import { FormActions } from '@/components/admin/shared/FormActions'
import { FailureAlert, LoadStatus, Notice } from '@/components/admin/shared/LoadStatus'
import { RelativeTime } from '@/components/admin/shared/RelativeTime'
import { SecretPanel, SecretValue } from '@/components/admin/shared/SecretPanel'
import { StatusBadge, type Tone } from '@/components/admin/shared/StatusBadge'
import { useApiCall, usePendingAction } from '@/components/admin/shared/use-api-call'
import { localFailure, sendJson, useAdminData } from '@/components/admin/use-admin-data'
import type { createKioskResponseSchema, kioskListResponseSchema, kioskSchema } from '@/lib/door/api-schemas'

type Kiosk = z.infer<typeof kioskSchema>
type CreatedKiosk = z.infer<typeof createKioskResponseSchema>

/** While the pairing link is on screen, the list is asked this often whether the tablet used it. */
const PAIRING_POLL_MS = 3_000

const kioskUrl = (kiosk: { id: string }) => `/api/admin/kiosks/${encodeURIComponent(kiosk.id)}`
const missingName = 'Enter the door’s name.'

function kioskStatus(kiosk: Kiosk): { text: string; tone: Tone } {
  if (kiosk.revokedAt) return { text: 'Revoked', tone: 'bad' }
  if (!kiosk.lastSeenAt) return { text: 'Not paired yet', tone: 'neutral' }
  return { text: 'Paired', tone: 'ok' }
}

export function KiosksAdmin() {
  const [created, setCreated] = useState<CreatedKiosk | null>(null)
  // While the pairing link is on screen, watch for the tablet to use it. SWR stops polling a key that
  // holds an error, so while watching, a failed poll is tried again at the same pace.
  const { state, mutate } = useAdminData<z.infer<typeof kioskListResponseSchema>>('/api/admin/kiosks', {
    refreshInterval: created ? PAIRING_POLL_MS : 0,
    shouldRetryOnError: created !== null,
    onErrorRetry: (_error, _key, _config, revalidate, options) => {
      setTimeout(() => void revalidate(options), PAIRING_POLL_MS)
    },
  })
  const [renaming, setRenaming] = useState<Kiosk | null>(null)
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
        <CreateByNameForm<CreatedKiosk>
          url="/api/admin/kiosks"
          headingId="create-kiosk-heading"
          heading="Add a kiosk"
          field={{ id: 'kiosk-name', label: 'Door name', placeholder: 'Front door', missing: missingName }}
          submitLabel="Add kiosk"
          busyLabel="Adding…"
          onCreated={async (kiosk) => {
            setCreated(kiosk)
            setNotice('')
            await mutate()
          }}
        >
          <p className="muted">A kiosk is a tablet at a door that scans passes with its camera.</p>
        </CreateByNameForm>
      )}

      <h2>Door tablets</h2>
      <Notice>{notice}</Notice>
      <LoadStatus state={state} loading="Loading kiosks…" failed="Could not load the kiosks" onRetry={() => void mutate()} />
      {state.kind === 'ready' && state.data.kiosks.length === 0 && (
        <p>No kiosks yet. Add one above, then open its pairing link on the door&apos;s tablet.</p>
      )}
      {state.kind === 'ready' && state.data.kiosks.length > 0 && (
        <AdminTable columns={['Name', 'Status', 'Last seen', 'Added']} actions>
          {state.data.kiosks.map((kiosk) => {
            const status = kioskStatus(kiosk)
            return (
              <tr key={kiosk.id} className={kiosk.revokedAt ? 'is-muted' : undefined}>
                <th scope="row">{kiosk.name}</th>
                <td>
                  <StatusBadge tone={status.tone}>{status.text}</StatusBadge>
                  {kiosk.revokedAt && <span className="cell-detail">{formatDate(kiosk.revokedAt)}</span>}
                </td>
                <td>
                  <RelativeTime iso={kiosk.lastSeenAt} />
                </td>
                <td>
                  <time dateTime={kiosk.createdAt}>{formatDate(kiosk.createdAt)}</time>
                </td>
                <td>
                  {!kiosk.revokedAt && (
                    <div className="row-actions">
                      <RowButton label={`Rename ${kiosk.name}`} onClick={() => setRenaming(kiosk)}>
                        Rename
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

      <Dialog open={renaming !== null} title={`Rename ${renaming?.name ?? 'kiosk'}`} onClose={() => setRenaming(null)}>
        {renaming && (
          <RenameKioskForm
            kiosk={renaming}
            onCancel={() => setRenaming(null)}
            onSaved={async (name) => {
              setRenaming(null)
              setNotice(`Renamed to ${name}.`)
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
        <p>The tablet is unpaired at once: its scans are refused and it cannot open this door any more. This cannot be undone; to use the tablet again, add a new kiosk and pair it.</p>
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
        <>
          This link holds the kiosk&apos;s secret token; it cannot be shown again. If it gets lost, revoke this kiosk and
          add a new one.
        </>
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
          <p className="muted">The token also works as <code>Authorization: Bearer …</code> for <code>GET /validate/…</code>.</p>
        </div>
      </div>
      <p role="status" className={paired ? 'pairing-status ok' : 'pairing-status muted'}>
        {paired ? '✓ The tablet is paired and ready to scan.' : 'Waiting for the tablet to open the link…'}
      </p>
    </SecretPanel>
  )
}

function RenameKioskForm(props: { kiosk: Kiosk; onCancel: () => void; onSaved: (name: string) => Promise<void> }) {
  const [name, setName] = useState(props.kiosk.name)
  const { busy, failure, setFailure, run } = useApiCall()

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!name.trim()) return setFailure(localFailure('name', missingName))
    const result = await run(() => sendJson<Kiosk>(kioskUrl(props.kiosk), 'PATCH', { name }))
    if (!result.ok) return
    await props.onSaved(name.trim())
  }

  return (
    <form onSubmit={submit} noValidate>
      <label htmlFor="rename-kiosk">New name</label>
      <input id="rename-kiosk" value={name} onChange={(event) => setName(event.target.value)} maxLength={100} data-autofocus />
      <FailureAlert failure={failure} />
      <FormActions busy={busy} busyLabel="Saving…" submitLabel="Save name" onCancel={props.onCancel} />
    </form>
  )
}
