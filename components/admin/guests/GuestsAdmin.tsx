'use client'

import Link from 'next/link'
import { useEffect, useState, type FormEvent } from 'react'
import type { z } from 'zod'
import type { ApiFailure } from '@/components/api-client'
import { namesOf, useGroups } from '@/components/admin/access/access-data'
import { fromDateTimeLocal, toDateTimeLocal } from '@/components/admin/access-log/filters'
import { ConfirmDialog } from '@/components/admin/Dialog'
import { formatDate } from '@/components/admin/format'
import { AdminTable, RowButton } from '@/components/admin/shared/AdminTable'
import { CheckboxList } from '@/components/admin/shared/CheckboxList'
import { FormActions } from '@/components/admin/shared/FormActions'
import { FailureAlert, LoadStatus, Notice } from '@/components/admin/shared/LoadStatus'
import { SecretPanel, SecretValue } from '@/components/admin/shared/SecretPanel'
import { StatusBadge, type Tone } from '@/components/admin/shared/StatusBadge'
import { readableFailure } from '@/components/admin/shared/readable-failure'
import { TextField } from '@/components/admin/shared/TextField'
import { useApiCall, usePendingAction } from '@/components/admin/shared/use-api-call'
import { fieldErrors, localFailure, sendJson, useAdminData } from '@/components/admin/use-admin-data'
import type { createGuestPassResponseSchema, guestPassListResponseSchema, guestPassSchema, GuestPassState } from '@/lib/access/api-schemas'

type GuestPass = z.infer<typeof guestPassSchema>
type CreatedGuestPass = z.infer<typeof createGuestPassResponseSchema>

const GUEST_PASSES_URL = '/api/admin/guest-passes'

const STATES: Record<GuestPassState, { text: string; tone: Tone }> = {
  upcoming: { text: 'Upcoming', tone: 'neutral' },
  active: { text: 'Active', tone: 'ok' },
  used_up: { text: 'Used up', tone: 'neutral' },
  expired: { text: 'Expired', tone: 'neutral' },
  revoked: { text: 'Revoked', tone: 'bad' },
}

export function GuestsAdmin() {
  const { state, mutate } = useAdminData<z.infer<typeof guestPassListResponseSchema>>(GUEST_PASSES_URL)
  const groups = useGroups().list
  const [created, setCreated] = useState<CreatedGuestPass | null>(null)
  const revoking = usePendingAction<GuestPass>()
  const [notice, setNotice] = useState('')

  async function revoke(pass: GuestPass) {
    const result = await revoking.act(() => sendJson(`${GUEST_PASSES_URL}/${encodeURIComponent(pass.id)}`, 'DELETE'))
    if (!result.ok) return
    setNotice(`The pass of ${pass.name} is revoked: its link no longer opens any door.`)
    await mutate()
  }

  return (
    <>
      {created ? (
        <GuestLinkPanel pass={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateGuestPassForm
          groups={groups}
          onCreated={async (pass) => {
            setCreated(pass)
            setNotice('')
            await mutate()
          }}
        />
      )}

      <h2 id="guest-passes-heading">Guest passes</h2>
      <Notice>{notice}</Notice>
      <LoadStatus state={state} loading="Loading guest passes…" failed="Could not load the guest passes" onRetry={() => void mutate()} />
      {state.kind === 'ready' && state.data.guestPasses.length === 0 && (
        <p className="empty-state">No guest passes yet. Make one above and send the guest its link.</p>
      )}
      {state.kind === 'ready' && state.data.guestPasses.length > 0 && (
        <AdminTable columns={['Guest', 'Groups', 'Valid', 'Uses', 'State']} labelledBy="guest-passes-heading" actions>
          {state.data.guestPasses.map((pass) => {
            const status = STATES[pass.state]
            const over = pass.state === 'revoked' || pass.state === 'expired'
            return (
              <tr key={pass.id} className={over ? 'is-muted' : undefined}>
                <th scope="row">
                  <span className="cell-title">{pass.name}</span>
                  {pass.email && <span className="cell-detail">{pass.email}</span>}
                  {pass.phone && <span className="cell-detail">{pass.phone}</span>}
                </th>
                <td>{groups ? namesOf(pass.groupIds, groups).join(', ') || '—' : '…'}</td>
                <td>
                  <span className="cell-title nowrap">
                    from <time dateTime={pass.validFrom}>{formatDate(pass.validFrom)}</time>
                  </span>
                  <span className="cell-title nowrap">
                    until <time dateTime={pass.validUntil}>{formatDate(pass.validUntil)}</time>
                  </span>
                </td>
                <td className="nowrap">{pass.maxUses === null ? `${pass.uses} (no limit)` : `${pass.uses} of ${pass.maxUses}`}</td>
                <td>
                  <StatusBadge tone={status.tone}>{status.text}</StatusBadge>
                  {pass.revokedAt && <span className="cell-detail">{formatDate(pass.revokedAt)}</span>}
                </td>
                <td>
                  {!over && (
                    <div className="row-actions">
                      <RowButton label={`Revoke the pass of ${pass.name}`} danger onClick={() => revoking.open(pass)}>
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

      <ConfirmDialog
        open={revoking.pending !== null}
        title={`Revoke the pass of ${revoking.pending?.name ?? 'this guest'}?`}
        confirmLabel="Revoke pass"
        {...revoking.dialog}
        onConfirm={() => revoking.pending && void revoke(revoking.pending)}
      >
        <p>
          Its link stops opening doors at once, and the guest&apos;s page says the pass was revoked. This cannot be undone; make a new pass
          if they need one again.
        </p>
      </ConfirmDialog>
    </>
  )
}

/** The guest's link, once, with how it was sent to them. */
function GuestLinkPanel({ pass, onDone }: { pass: CreatedGuestPass; onDone: () => void }) {
  const link = new URL(pass.url, window.location.origin).toString()
  return (
    <SecretPanel
      headingId="guest-link-heading"
      heading={`Guest link for ${pass.name}`}
      warning={
        <>
          Only a fingerprint of it is kept, so it cannot be shown again. Anyone who has the link can open its doors while it is valid: send
          it to the guest alone. If it gets lost, revoke this pass and make a new one.
        </>
      }
      doneLabel="Done: I have sent the link"
      onDone={onDone}
    >
      <SecretValue label="Link" labelId="guest-link-label" copy={link} copyLabel="Copy link">
        <a href={link} aria-labelledby="guest-link-label" data-testid="guest-link" target="_blank" rel="noreferrer">
          {link}
        </a>
      </SecretValue>
      <p>
        Valid from {formatDate(pass.validFrom)} until {formatDate(pass.validUntil)}
        {pass.maxUses !== null ? `, for ${pass.maxUses === 1 ? 'one door opening' : `${pass.maxUses} door openings`}` : ''}.
      </p>
      {pass.deliveries.length > 0 && (
        <ul className="delivery-list">
          {pass.deliveries.map((delivery) => (
            <li key={`${delivery.channel}-${delivery.recipient}`}>{deliveryWords(delivery)}</li>
          ))}
        </ul>
      )}
    </SecretPanel>
  )
}

function deliveryWords(delivery: CreatedGuestPass['deliveries'][number]) {
  const how = delivery.channel === 'email' ? 'e-mail' : 'SMS'
  switch (delivery.status) {
    case 'sent':
      return `Sent by ${how} to ${delivery.recipient}.`
    case 'demo':
      return (
        <>
          Demo mode: the {how} to {delivery.recipient} is in the <Link href="/admin/outbox">Outbox</Link>, not sent.
        </>
      )
    case 'failed':
      return (
        <>
          The {how} to {delivery.recipient} could not be sent (see the <Link href="/admin/outbox">Outbox</Link>): send the link yourself.
        </>
      )
    case 'unavailable':
      return `No ${how} provider is set up, so nothing was sent to ${delivery.recipient}: send the link yourself.`
  }
}

interface GuestFields {
  name: string
  email: string
  phone: string
  groupIds: string[]
  validFrom: string
  validUntil: string
  maxUses: string
}

const emptyFields: GuestFields = { name: '', email: '', phone: '', groupIds: [], validFrom: '', validUntil: '', maxUses: '' }

/** The form's own checks, before anything is sent: what the API would refuse, said next to the field. */
function checkGuest(fields: GuestFields): ApiFailure | null {
  if (!fields.name.trim()) return localFailure('name', 'Enter the guest’s name.')
  if (fields.groupIds.length === 0) return localFailure('groupIds', 'Pick at least one group: without one the pass opens no door.')
  const from = fromDateTimeLocal(fields.validFrom)
  const until = fromDateTimeLocal(fields.validUntil)
  if (!from) return localFailure('validFrom', 'Enter when the pass starts.')
  if (!until) return localFailure('validUntil', 'Enter when the pass ends.')
  if (Date.parse(until) <= Date.parse(from)) return localFailure('validUntil', 'The pass must end after it starts.')
  if (fields.maxUses.trim()) {
    const uses = Number(fields.maxUses)
    if (!Number.isInteger(uses) || uses < 1) return localFailure('maxUses', 'Enter a whole number from 1, or leave it empty for no limit.')
  }
  return null
}

function CreateGuestPassForm(props: {
  groups: ReturnType<typeof useGroups>['list']
  onCreated: (pass: CreatedGuestPass) => Promise<void>
}) {
  const [fields, setFields] = useState(emptyFields)
  const { busy, failure, setFailure, run } = useApiCall()
  const errors = fieldErrors(failure)
  // "From" starts at this minute; set after hydration, since the server knows neither the time
  // the admin opens the page at nor their time zone.
  useEffect(() => {
    setFields((current) => (current.validFrom ? current : { ...current, validFrom: toDateTimeLocal(new Date().toISOString()) }))
  }, [])

  async function submit(event: FormEvent) {
    event.preventDefault()
    const problem = checkGuest(fields)
    if (problem) return setFailure(problem)
    const result = await run(() =>
      sendJson<CreatedGuestPass>(GUEST_PASSES_URL, 'POST', {
        name: fields.name,
        ...(fields.email.trim() ? { email: fields.email.trim() } : {}),
        ...(fields.phone.trim() ? { phone: fields.phone.trim() } : {}),
        groupIds: fields.groupIds,
        validFrom: fromDateTimeLocal(fields.validFrom),
        validUntil: fromDateTimeLocal(fields.validUntil),
        ...(fields.maxUses.trim() ? { maxUses: Number(fields.maxUses) } : {}),
      }),
    )
    if (!result.ok) return
    setFields({ ...emptyFields, validFrom: toDateTimeLocal(new Date().toISOString()) })
    await props.onCreated(result.data)
  }

  const set = (name: keyof Omit<GuestFields, 'groupIds'>) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [name]: event.target.value })
  return (
    <form onSubmit={submit} className="admin-panel" aria-labelledby="create-guest-heading" noValidate>
      <h2 id="create-guest-heading">Make a guest pass</h2>
      <p className="muted">
        The guest gets a link that shows a door QR code on their phone, no account needed. With an e-mail address or phone number, the link
        is sent there too.
      </p>
      <div className="form-grid">
        <TextField
          id="guest-name"
          label="Name"
          value={fields.name}
          onChange={set('name')}
          error={errors.name}
          maxLength={200}
          autoComplete="off"
        />
        <TextField
          id="guest-email"
          label="E-mail (optional)"
          type="email"
          value={fields.email}
          onChange={set('email')}
          error={errors.email}
          autoComplete="off"
          placeholder="guest@example.com"
        />
        <TextField
          id="guest-phone"
          label="Phone (optional)"
          type="tel"
          value={fields.phone}
          onChange={set('phone')}
          error={errors.phone}
          autoComplete="off"
          placeholder="+14155550123"
        />
      </div>
      <CheckboxList
        id="guest-groups"
        legend="Groups"
        options={props.groups?.map((group) => ({ id: group.id, label: group.name }))}
        value={fields.groupIds}
        onChange={(groupIds) => setFields({ ...fields, groupIds })}
        loading="Loading groups…"
        empty={
          <>
            No groups yet: add one on the <Link href="/admin/groups">Groups</Link> page first.
          </>
        }
        hint="The pass opens the doors of these groups, at the times their schedules allow."
        error={errors.groupIds}
      />
      <div className="form-grid">
        <TextField
          id="guest-valid-from"
          label="Valid from"
          type="datetime-local"
          value={fields.validFrom}
          onChange={set('validFrom')}
          error={errors.validFrom}
        />
        <TextField
          id="guest-valid-until"
          label="Valid until"
          type="datetime-local"
          value={fields.validUntil}
          onChange={set('validUntil')}
          error={errors.validUntil}
        />
        <TextField
          id="guest-max-uses"
          label="Door openings (optional)"
          type="number"
          inputMode="numeric"
          min={1}
          value={fields.maxUses}
          onChange={set('maxUses')}
          error={errors.maxUses}
          placeholder="No limit"
        />
      </div>
      <FailureAlert failure={readableFailure(failure)} />
      <FormActions busy={busy} busyLabel="Making the pass…" submitLabel="Make guest pass" />
    </form>
  )
}
