'use client'

import Link from 'next/link'
import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react'
import type { z } from 'zod'
import type { ApiFailure, ApiResult } from '@/components/api-client'
import { useDoors, type Door } from '@/components/admin/access/access-data'
import { ConfirmDialog, Dialog } from '@/components/admin/Dialog'
import { AdminTable, RowButton } from '@/components/admin/shared/AdminTable'
import { FormActions } from '@/components/admin/shared/FormActions'
import { FailureAlert, LoadStatus, Notice } from '@/components/admin/shared/LoadStatus'
import { readableFailure } from '@/components/admin/shared/readable-failure'
import { TextField } from '@/components/admin/shared/TextField'
import { useApiCall, usePendingAction } from '@/components/admin/shared/use-api-call'
import { fieldErrors, localFailure, sendJson, useAdminData } from '@/components/admin/use-admin-data'
import type { kioskListResponseSchema } from '@/lib/door/api-schemas'
import type { remoteUnlockResponseSchema } from '@/lib/events/api-schemas'

const doorUrl = (door: { id: string }) => `/api/admin/doors/${encodeURIComponent(door.id)}`

interface Pending {
  kind: 'edit' | 'lockdown' | 'delete'
  door: Door
}

export function DoorsAdmin() {
  const { state, mutate } = useDoors()
  // The kiosks at each door: the list says how many, and deleting a door that has some is refused.
  const kiosks = useAdminData<z.infer<typeof kioskListResponseSchema>>('/api/admin/kiosks').data?.kiosks
  const kiosksAt = (door: Door) => kiosks?.filter((kiosk) => kiosk.doorId === door.id && !kiosk.revokedAt).length
  const actions = usePendingAction<Pending>()
  const { pending } = actions
  const [notice, setNotice] = useState('')
  const unlocking = useRemoteUnlock(setNotice)

  async function run(action: () => Promise<ApiResult<unknown>>, done: string) {
    const result = await actions.act(action)
    if (!result.ok) return
    unlocking.clear()
    setNotice(done)
    await mutate()
  }

  const setLockdown = (door: Door, lockdown: boolean) =>
    run(
      () => sendJson(doorUrl(door), 'PATCH', { lockdown }),
      lockdown ? `${door.name} is in lockdown: every scan there is refused.` : `The lockdown of ${door.name} is over: it opens as usual.`,
    )

  const deleting = pending?.kind === 'delete' ? pending.door : null
  return (
    <>
      <TimeZoneList />
      <CreateDoorForm
        onCreated={async (door) => {
          setNotice(`${door.name} was added. Give groups access to it on the Groups page, and pair a kiosk at it.`)
          await mutate()
        }}
      />

      <h2 id="doors-heading">All doors</h2>
      <Notice>{notice}</Notice>
      {!pending && <FailureAlert failure={actions.failure} />}
      <FailureAlert failure={unlocking.failure} />
      <LoadStatus state={state} loading="Loading doors…" failed="Could not load the doors" onRetry={() => void mutate()} />
      {state.kind === 'ready' && state.data.doors.length === 0 && <p className="empty-state">No doors yet: add the first one above.</p>}
      {state.kind === 'ready' && state.data.doors.length > 0 && (
        <AdminTable columns={['Door', 'Lock', 'Time zone']} labelledBy="doors-heading" actions>
          {[...state.data.doors]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((door) => (
              <tr key={door.id} className={door.lockdown ? 'is-alert' : undefined}>
                <th scope="row">
                  <span className="cell-title">{door.name}</span>
                  <span className="cell-detail">{kiosksWords(kiosksAt(door))}</span>
                  <span className="cell-detail">
                    ID <code className="door-id">{door.id}</code>
                  </span>
                </th>
                <td>
                  {/* Beside the door's name, so that a phone shows them without scrolling sideways. */}
                  <div className="lock-controls">
                    <RowButton label={`Unlock ${door.name}`} disabled={unlocking.busy} onClick={() => void unlocking.unlock(door)}>
                      {unlocking.doorId === door.id ? 'Unlocking…' : 'Unlock'}
                    </RowButton>
                    <button
                      type="button"
                      role="switch"
                      aria-checked={door.lockdown}
                      aria-label={`Lockdown at ${door.name}`}
                      className={`switch ${door.lockdown ? 'switch-on' : ''}`}
                      onClick={() => actions.open({ kind: 'lockdown', door })}
                    >
                      <span className="switch-track" aria-hidden="true">
                        <span className="switch-thumb" />
                      </span>
                      <span className="switch-text">{door.lockdown ? 'Lockdown on' : 'Lockdown off'}</span>
                    </button>
                    {door.lockdown && <span className="cell-detail">Refuses everyone</span>}
                  </div>
                </td>
                <td>
                  <span className="cell-title">{door.timeZone}</span>
                  <span className="cell-detail nowrap">unlocks for {door.unlockSeconds} s</span>
                </td>
                <td>
                  <div className="row-actions">
                    <RowButton label={`Edit ${door.name}`} onClick={() => actions.open({ kind: 'edit', door })}>
                      Edit
                    </RowButton>
                    <RowButton label={`Delete ${door.name}`} danger onClick={() => actions.open({ kind: 'delete', door })}>
                      Delete
                    </RowButton>
                  </div>
                </td>
              </tr>
            ))}
        </AdminTable>
      )}

      <Dialog open={pending?.kind === 'edit'} title={`Edit ${pending?.door.name ?? 'door'}`} onClose={actions.close}>
        {pending?.kind === 'edit' && (
          <EditDoorForm
            door={pending.door}
            onCancel={actions.close}
            onSaved={async (door) => {
              actions.close()
              setNotice(`Saved the changes to ${door.name}.`)
              await mutate()
            }}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={pending?.kind === 'lockdown'}
        title={pending?.door.lockdown ? `End the lockdown of ${pending.door.name}?` : `Lock down ${pending?.door.name ?? 'door'}?`}
        confirmLabel={pending?.door.lockdown ? 'End lockdown' : 'Lock down'}
        {...actions.dialog}
        onConfirm={() => pending && void setLockdown(pending.door, !pending.door.lockdown)}
      >
        {pending?.door.lockdown ? (
          <p>Scans at this door are decided by the groups and their schedules again.</p>
        ) : (
          <p>Every scan at this door is refused, whoever it is, until you end the lockdown here.</p>
        )}
      </ConfirmDialog>

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'door'}?`}
        confirmLabel="Delete door"
        {...actions.dialog}
        error={actions.failure && deleting ? deleteFailureText(actions.failure, deleting, kiosksAt(deleting)) : null}
        onConfirm={() => deleting && void run(() => sendJson(doorUrl(deleting), 'DELETE'), `${deleting.name} was deleted.`)}
      >
        <p>
          Groups lose this door; its past scans stay in the access log. A door that kiosks stand at cannot be deleted: move them first on
          the <Link href="/admin/kiosks">Kiosks</Link> page.
        </p>
      </ConfirmDialog>
    </>
  )
}

/**
 * Opens a door now (POST /api/admin/doors/{id}/unlock): the relay gets the same unlock message as
 * for a granted scan. No confirmation: the lock closes by itself after the door's unlock time. A
 * refusal (a door in lockdown: 409) is said with the door's name.
 */
function useRemoteUnlock(say: (notice: string) => void) {
  const { busy, run } = useApiCall()
  const [doorId, setDoorId] = useState<string | null>(null)
  const [failure, setFailure] = useState<ApiFailure | null>(null)
  async function unlock(door: Door) {
    setDoorId(door.id)
    setFailure(null)
    say('')
    const result = await run(() => sendJson<z.infer<typeof remoteUnlockResponseSchema>>(`${doorUrl(door)}/unlock`, 'POST'))
    setDoorId(null)
    if (result.ok) say(`Unlocked: ${door.name} is open for ${result.data.seconds} s.`)
    else setFailure({ ...result, message: `${door.name} was not unlocked: ${result.message}` })
  }
  return { busy, doorId, failure, unlock, clear: () => setFailure(null) }
}

function kiosksWords(count: number | undefined): string {
  if (count === undefined) return ''
  return count === 0 ? 'No kiosks' : count === 1 ? '1 kiosk' : `${count} kiosks`
}

/** The API's 409 in the console's words: how many kiosks still stand there, and what to do. */
function deleteFailureText(failure: ApiFailure, door: Door, kiosks: number | undefined): string {
  if (failure.status !== 409) return failure.message
  const count = kiosks ? (kiosks === 1 ? '1 kiosk stands' : `${kiosks} kiosks stand`) : 'Kiosks stand'
  return `${count} at ${door.name}, so it cannot be deleted. Move ${kiosks === 1 ? 'it' : 'them'} to another door or revoke ${kiosks === 1 ? 'it' : 'them'} on the Kiosks page first.`
}

interface DoorFields {
  id: string
  name: string
  timeZone: string
  unlockSeconds: string
}

/** The checks made before sending: the API checks the time zone itself and answers at the field. */
function checkDoor(fields: DoorFields): ApiFailure | null {
  if (!fields.name.trim()) return localFailure('name', 'Enter the door’s name.')
  if (!fields.timeZone.trim()) return localFailure('timeZone', 'Enter a time zone, e.g. Europe/Berlin or UTC.')
  const seconds = Number(fields.unlockSeconds)
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    return localFailure('unlockSeconds', 'Enter a whole number of seconds from 1 to 3600.')
  }
  return null
}

function DoorFieldset(props: {
  idPrefix: string
  fields: DoorFields
  onChange: (fields: DoorFields) => void
  errors: Record<string, string>
  withId?: boolean
  /** In a dialog: the name gets the focus when it opens. */
  inDialog?: boolean
}) {
  const { idPrefix, fields, errors } = props
  const set = (name: keyof DoorFields) => (event: { target: { value: string } }) =>
    props.onChange({ ...fields, [name]: event.target.value })
  return (
    <div className="form-grid">
      <TextField
        id={`${idPrefix}-name`}
        label="Name"
        value={fields.name}
        onChange={set('name')}
        error={errors.name}
        maxLength={100}
        autoComplete="off"
        placeholder="Front door"
        data-autofocus={props.inDialog || undefined}
      />
      <TextField
        id={`${idPrefix}-time-zone`}
        label="Time zone"
        value={fields.timeZone}
        onChange={set('timeZone')}
        error={errors.timeZone}
        list={TIME_ZONE_LIST_ID}
        autoComplete="off"
        spellCheck={false}
        placeholder="Europe/Berlin"
      />
      <TextField
        id={`${idPrefix}-unlock-seconds`}
        label="Unlock time (seconds)"
        type="number"
        inputMode="numeric"
        min={1}
        max={3600}
        value={fields.unlockSeconds}
        onChange={set('unlockSeconds')}
        error={errors.unlockSeconds}
      />
      {props.withId && (
        <TextField
          id={`${idPrefix}-id`}
          label="ID (optional)"
          value={fields.id}
          onChange={set('id')}
          error={errors.id}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          placeholder="back-door"
        />
      )}
    </div>
  )
}

const TIME_ZONE_LIST_ID = 'time-zone-names'

/**
 * The zones the browser knows, offered while typing (one list for the page's forms). Empty in the
 * server's render: its list may differ from the browser's. "UTC" is not in Intl's canonical list.
 */
function TimeZoneList() {
  const zones = useSyncExternalStore(noSubscription, browserTimeZones, () => noZones)
  return (
    <datalist id={TIME_ZONE_LIST_ID}>
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  )
}

const noZones: string[] = []
let knownZones: string[] | undefined
const noSubscription = () => () => {}
function browserTimeZones(): string[] {
  knownZones ??= [
    'UTC',
    ...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []).filter((zone) => zone !== 'UTC'),
  ]
  return knownZones
}

/** A door form's state; with `clear`, the fields start over after a save (the zone stays: the next door is likely in it too). */
function useDoorForm(
  initial: DoorFields,
  options: { save: (fields: DoorFields) => Promise<ApiResult<Door>>; saved: (door: Door) => Promise<void>; clear?: boolean },
) {
  const [fields, setFields] = useState(initial)
  const { busy, failure, setFailure, run } = useApiCall()
  async function submit(event: FormEvent) {
    event.preventDefault()
    const problem = checkDoor(fields)
    if (problem) return setFailure(problem)
    const result = await run(() => options.save(fields))
    if (!result.ok) return
    if (options.clear) setFields({ ...initial, timeZone: fields.timeZone })
    await options.saved(result.data)
  }
  return { fields, setFields, busy, failure, submit, errors: fieldErrors(failure) }
}

const doorBody = (fields: DoorFields) => ({
  name: fields.name,
  timeZone: fields.timeZone.trim(),
  unlockSeconds: Number(fields.unlockSeconds),
})

function CreateDoorForm({ onCreated }: { onCreated: (door: Door) => Promise<void> }) {
  const form = useDoorForm(
    { id: '', name: '', timeZone: 'UTC', unlockSeconds: '5' },
    {
      save: (fields) =>
        sendJson<Door>('/api/admin/doors', 'POST', { ...doorBody(fields), ...(fields.id.trim() ? { id: fields.id.trim() } : {}) }),
      saved: onCreated,
      clear: true,
    },
  )
  const { setFields } = form
  // A new door is most likely where the admin is: their browser's zone, unless they typed one already.
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    if (zone) setFields((fields) => (fields.timeZone === 'UTC' ? { ...fields, timeZone: zone } : fields))
  }, [setFields])
  return (
    <form onSubmit={form.submit} className="admin-panel" aria-labelledby="create-door-heading" noValidate>
      <h2 id="create-door-heading">Add a door</h2>
      <p className="muted">A door has kiosks that scan passes. Its groups&apos; schedules are read on its own clock, in its time zone.</p>
      <DoorFieldset idPrefix="new-door" fields={form.fields} onChange={form.setFields} errors={form.errors} withId />
      <FailureAlert failure={readableFailure(form.failure)} />
      <FormActions busy={form.busy} busyLabel="Adding…" submitLabel="Add door" />
    </form>
  )
}

function EditDoorForm(props: { door: Door; onCancel: () => void; onSaved: (door: Door) => Promise<void> }) {
  const { door } = props
  const form = useDoorForm(
    { id: door.id, name: door.name, timeZone: door.timeZone, unlockSeconds: String(door.unlockSeconds) },
    { save: (fields) => sendJson<Door>(doorUrl(door), 'PATCH', doorBody(fields)), saved: props.onSaved },
  )
  return (
    <form onSubmit={form.submit} noValidate>
      <DoorFieldset idPrefix="edit-door" fields={form.fields} onChange={form.setFields} errors={form.errors} inDialog />
      <FailureAlert failure={readableFailure(form.failure)} />
      <FormActions busy={form.busy} busyLabel="Saving…" submitLabel="Save changes" onCancel={props.onCancel} />
    </form>
  )
}
