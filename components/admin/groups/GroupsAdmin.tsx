'use client'

import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import type { ApiResult } from '@/components/api-client'
import { namesOf, useDoors, useGroups, type AccessGroup } from '@/components/admin/access/access-data'
import { describeSchedule } from '@/components/admin/access/schedule-words'
import { ConfirmDialog, Dialog } from '@/components/admin/Dialog'
import { AdminTable, RowButton } from '@/components/admin/shared/AdminTable'
import { CheckboxList } from '@/components/admin/shared/CheckboxList'
import { FormActions } from '@/components/admin/shared/FormActions'
import { FailureAlert, LoadStatus, Notice } from '@/components/admin/shared/LoadStatus'
import { readableFailure } from '@/components/admin/shared/readable-failure'
import { TextField } from '@/components/admin/shared/TextField'
import { useApiCall, usePendingAction } from '@/components/admin/shared/use-api-call'
import { fieldErrors, localFailure, sendJson } from '@/components/admin/use-admin-data'
import { draftsOf, scheduleFailure, scheduleOf, windowErrors, type WindowDraft } from './schedule-editor'
import { ScheduleEditor } from './ScheduleEditor'

const groupUrl = (group: { id: string }) => `/api/admin/groups/${encodeURIComponent(group.id)}`

interface Pending {
  kind: 'edit' | 'delete'
  group: AccessGroup
}

export function GroupsAdmin() {
  const { state, mutate } = useGroups()
  const doors = useDoors().list
  const actions = usePendingAction<Pending>()
  const { pending } = actions
  const [notice, setNotice] = useState('')

  async function remove(group: AccessGroup) {
    const result = await actions.act(() => sendJson(groupUrl(group), 'DELETE'))
    if (!result.ok) return
    setNotice(`${group.name} was deleted. Its members keep the access their other groups give.`)
    await mutate()
  }

  return (
    <>
      <CreateGroupForm
        doors={doors}
        onCreated={async (group) => {
          setNotice(`${group.name} was added. Put people in it on the Users page, or give it to a guest.`)
          await mutate()
        }}
      />

      <h2 id="groups-heading">All groups</h2>
      <Notice>{notice}</Notice>
      <LoadStatus state={state} loading="Loading groups…" failed="Could not load the groups" onRetry={() => void mutate()} />
      {state.kind === 'ready' && state.data.groups.length === 0 && (
        <p className="empty-state">No groups yet: add one above. Until someone is in a group, their pass opens no door.</p>
      )}
      {state.kind === 'ready' && state.data.groups.length > 0 && (
        <AdminTable columns={['Group', 'Doors', 'When']} labelledBy="groups-heading" actions>
          {[...state.data.groups]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((group) => {
              const doorNames = namesOf(group.doorIds, doors)
              return (
                <tr key={group.id}>
                  <th scope="row">{group.name}</th>
                  <td>
                    {group.doorIds.length === 0 ? (
                      <span className="muted">No doors</span>
                    ) : doors === undefined ? (
                      <span className="muted">{group.doorIds.length === 1 ? '1 door' : `${group.doorIds.length} doors`}</span>
                    ) : (
                      <ul className="cell-list">
                        {doorNames
                          .sort((a, b) => a.localeCompare(b))
                          .map((name) => (
                            <li key={name}>{name}</li>
                          ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <ul className="cell-list">
                      {describeSchedule(group.schedule).map((words) => (
                        <li key={words}>{words}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <div className="row-actions">
                      <RowButton label={`Edit ${group.name}`} onClick={() => actions.open({ kind: 'edit', group })}>
                        Edit
                      </RowButton>
                      <RowButton label={`Delete ${group.name}`} danger onClick={() => actions.open({ kind: 'delete', group })}>
                        Delete
                      </RowButton>
                    </div>
                  </td>
                </tr>
              )
            })}
        </AdminTable>
      )}

      <Dialog open={pending?.kind === 'edit'} title={`Edit ${pending?.group.name ?? 'group'}`} onClose={actions.close}>
        {pending?.kind === 'edit' && (
          <GroupForm
            idPrefix="edit-group"
            doors={doors}
            initial={pending.group}
            save={(body) => sendJson<AccessGroup>(groupUrl(pending.group), 'PATCH', body)}
            saved={async (group) => {
              actions.close()
              setNotice(`Saved the changes to ${group.name}.`)
              await mutate()
            }}
            submitLabel="Save changes"
            busyLabel="Saving…"
            onCancel={actions.close}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={pending?.kind === 'delete'}
        title={`Delete ${pending?.group.name ?? 'group'}?`}
        confirmLabel="Delete group"
        {...actions.dialog}
        onConfirm={() => pending && void remove(pending.group)}
      >
        <p>
          Its members and guests lose the doors it gives them at once, unless another of their groups gives the same. The people themselves
          stay.
        </p>
      </ConfirmDialog>
    </>
  )
}

interface GroupBody {
  name: string
  doorIds: string[]
  schedule: ReturnType<typeof scheduleOf>
}

function CreateGroupForm(props: { doors: ReturnType<typeof useDoors>['list']; onCreated: (group: AccessGroup) => Promise<void> }) {
  // Remounted after each group made, so the form starts empty again.
  const [round, setRound] = useState(0)
  return (
    <section className="admin-panel" aria-labelledby="create-group-heading">
      <h2 id="create-group-heading">Add a group</h2>
      <p className="muted">A group opens some doors, at the times its schedule allows, for the people and guests in it.</p>
      <GroupForm
        key={round}
        idPrefix="new-group"
        doors={props.doors}
        save={(body) => sendJson<AccessGroup>('/api/admin/groups', 'POST', body)}
        saved={async (group) => {
          setRound((n) => n + 1)
          await props.onCreated(group)
        }}
        submitLabel="Add group"
        busyLabel="Adding…"
      />
    </section>
  )
}

function GroupForm(props: {
  idPrefix: string
  doors: ReturnType<typeof useDoors>['list']
  initial?: AccessGroup
  save: (body: GroupBody) => Promise<ApiResult<AccessGroup>>
  saved: (group: AccessGroup) => Promise<void>
  submitLabel: string
  busyLabel: string
  onCancel?: () => void
}) {
  const { idPrefix, initial } = props
  const [name, setName] = useState(initial?.name ?? '')
  const [doorIds, setDoorIds] = useState<string[]>(initial?.doorIds ?? [])
  const [windows, setWindows] = useState<WindowDraft[]>(() => draftsOf(initial?.schedule ?? []))
  const { busy, failure, setFailure, run } = useApiCall()
  const errors = fieldErrors(failure)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!name.trim()) return setFailure(localFailure('name', 'Enter the group’s name.'))
    const problem = scheduleFailure(windows)
    if (problem) return setFailure(problem)
    // Doors deleted since the form opened are not sent back.
    const known = props.doors ? doorIds.filter((id) => props.doors!.some((door) => door.id === id)) : doorIds
    const result = await run(() => props.save({ name, doorIds: known, schedule: scheduleOf(windows) }))
    if (result.ok) await props.saved(result.data)
  }

  const scheduleErrors = windowErrors(failure)
  return (
    <form onSubmit={submit} noValidate>
      <TextField
        id={`${idPrefix}-name`}
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
        maxLength={100}
        autoComplete="off"
        placeholder="Office staff"
        data-autofocus
      />
      <CheckboxList
        id={`${idPrefix}-doors`}
        legend="Doors"
        options={props.doors?.map((door) => ({ id: door.id, label: door.name, detail: door.lockdown ? '(in lockdown)' : undefined }))}
        value={doorIds}
        onChange={setDoorIds}
        loading="Loading doors…"
        empty={
          <>
            No doors yet: add one on the <Link href="/admin/doors">Doors</Link> page.
          </>
        }
        error={errors.doorIds}
      />
      <ScheduleEditor
        idPrefix={idPrefix}
        value={windows}
        onChange={setWindows}
        errors={scheduleErrors}
        error={Object.keys(scheduleErrors).length === 0 ? errors.schedule : undefined}
      />
      <FailureAlert failure={readableFailure(failure)} />
      <FormActions busy={busy} busyLabel={props.busyLabel} submitLabel={props.submitLabel} onCancel={props.onCancel} />
    </form>
  )
}
