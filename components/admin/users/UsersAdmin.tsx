'use client'

import Link from 'next/link'
import { useState, type ChangeEvent, type FormEvent } from 'react'
import type { z } from 'zod'
import type { ApiResult } from '@/components/api-client'
import { namesOf, useGroups, type AccessGroup } from '@/components/admin/access/access-data'
import { fromDateTimeLocal, toDateTimeLocal } from '@/components/admin/access-log/filters'
import { ConfirmDialog, Dialog } from '@/components/admin/Dialog'
import { formatDate } from '@/components/admin/format'
import { AdminTable, RowButton } from '@/components/admin/shared/AdminTable'
import { CheckboxList } from '@/components/admin/shared/CheckboxList'
import { FormActions } from '@/components/admin/shared/FormActions'
import { FailureAlert, LoadStatus, Notice } from '@/components/admin/shared/LoadStatus'
import { RelativeTime } from '@/components/admin/shared/RelativeTime'
import { StatusBadge } from '@/components/admin/shared/StatusBadge'
import { TextField } from '@/components/admin/shared/TextField'
import { useApiCall, usePendingAction } from '@/components/admin/shared/use-api-call'
import { fieldErrors, localFailure, sendJson, useAdminData } from '@/components/admin/use-admin-data'
import { readableFailure } from '@/components/admin/shared/readable-failure'
import { EVERYONE_GROUP_ID } from '@/lib/access/defaults'
import type { userListResponseSchema, userSchema } from '@/lib/door/api-schemas'

type AdminUser = z.infer<typeof userSchema>
type Role = AdminUser['role']

interface Pending {
  kind: 'edit' | 'disable' | 'reset' | 'sign-out'
  user: AdminUser
}

const userUrl = (user: AdminUser, action = '') => `/api/admin/users/${encodeURIComponent(user.id)}${action}`

export function UsersAdmin({ selfId }: { selfId: string }) {
  const { state, mutate } = useAdminData<z.infer<typeof userListResponseSchema>>('/api/admin/users')
  const groups = useGroups().list
  // What "ended" and "from" are judged against: when the page opened (render must stay pure).
  const [openedAt] = useState(Date.now)
  const actions = usePendingAction<Pending>()
  const { pending, busy, open } = actions
  const [notice, setNotice] = useState('')

  /** Runs a row action; on success the dialog closes and the list revalidates, on failure the error stays visible. */
  async function run(action: () => Promise<ApiResult<unknown>>, done: string) {
    const result = await actions.act(action)
    if (!result.ok) return
    setNotice(done)
    await mutate()
  }

  async function setDisabled(user: AdminUser, disabled: boolean) {
    await run(
      () => sendJson(userUrl(user), 'PATCH', { disabled }),
      disabled ? `${user.name} is disabled: their pass no longer opens doors.` : `${user.name} is enabled again.`,
    )
  }

  async function post(user: AdminUser, action: '/reset-pass' | '/sign-out', done: string) {
    await run(() => sendJson(userUrl(user, action), 'POST', {}), done)
  }

  /** Clears the wrong codes that lock a person out of signing in, from every network. */
  async function liftLockout(user: AdminUser) {
    const result = await actions.act(() => sendJson<{ wasLockedOut: boolean }>(userUrl(user, '/lift-lockout'), 'POST', {}))
    if (!result.ok) return
    setNotice(result.data.wasLockedOut ? `${user.name} may sign in again.` : `${user.name} was not locked out.`)
  }

  return (
    <>
      <CreateUserForm
        groups={groups}
        onCreated={async (user) => {
          setNotice(`${user.name} was added. They sign in with a code sent to ${user.email ?? user.phone}.`)
          await mutate()
        }}
      />

      <h2>All users</h2>
      <Notice>{notice}</Notice>
      {!pending && <FailureAlert failure={actions.failure} />}
      <LoadStatus state={state} loading="Loading users…" failed="Could not load the users" onRetry={() => void mutate()} />
      {state.kind === 'ready' && state.data.users.length === 0 && <p>No users yet: add the first one above.</p>}
      {state.kind === 'ready' && state.data.users.length > 0 && (
        <AdminTable columns={['Name', 'Access', 'Groups', 'Last door opening']} actions>
          {state.data.users.map((user) => (
            <tr key={user.id} className={user.disabled ? 'is-muted' : undefined}>
              <th scope="row">
                <span className="cell-title">
                  {user.name || 'Unnamed'}
                  {user.id === selfId && <span className="muted"> (you)</span>}
                </span>
                {user.email && <span className="cell-detail">{user.email}</span>}
                {user.phone && <span className="cell-detail">{user.phone}</span>}
              </th>
              <td>
                <span className="cell-title">{user.role === 'admin' ? 'Admin' : 'User'}</span>
                <StatusBadge tone={user.disabled ? 'bad' : 'ok'}>{user.disabled ? 'Disabled' : 'Active'}</StatusBadge>
                <ValidityWords user={user} now={openedAt} />
              </td>
              <td>
                <GroupNames ids={user.groupIds} groups={groups} />
              </td>
              <td>
                <RelativeTime iso={user.lastGrantedAt} />
              </td>
              <td>
                <div className="row-actions">
                  <RowButton label={`Edit ${user.name}`} onClick={() => open({ kind: 'edit', user })}>
                    Edit
                  </RowButton>
                  {user.disabled ? (
                    <RowButton label={`Enable ${user.name}`} disabled={busy} onClick={() => void setDisabled(user, false)}>
                      Enable
                    </RowButton>
                  ) : user.id === selfId ? null : (
                    // Not on your own row: the server refuses to let an admin lock themselves out (409).
                    <RowButton label={`Disable ${user.name}`} onClick={() => open({ kind: 'disable', user })}>
                      Disable
                    </RowButton>
                  )}
                  <RowButton label={`Reset pass of ${user.name}`} onClick={() => open({ kind: 'reset', user })}>
                    Reset pass
                  </RowButton>
                  <RowButton label={`Lift lock-out: ${user.name}`} disabled={busy} onClick={() => void liftLockout(user)}>
                    Lift lock-out
                  </RowButton>
                  {/* The name starts with the words on the button, as speech control users say them. */}
                  <RowButton label={`Sign out everywhere: ${user.name}`} onClick={() => open({ kind: 'sign-out', user })}>
                    Sign out everywhere
                  </RowButton>
                </div>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}

      <Dialog open={pending?.kind === 'edit'} title={`Edit ${pending?.user.name ?? 'user'}`} onClose={actions.close}>
        {pending?.kind === 'edit' && (
          <EditUserForm
            user={pending.user}
            groups={groups}
            isSelf={pending.user.id === selfId}
            onCancel={actions.close}
            onSaved={async (user) => {
              actions.close()
              setNotice(`Saved the changes to ${user.name}.`)
              await mutate()
            }}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={pending?.kind === 'disable'}
        title={`Disable ${pending?.user.name ?? 'user'}?`}
        confirmLabel="Disable"
        {...actions.dialog}
        onConfirm={() => pending && void setDisabled(pending.user, true)}
      >
        <p>Their pass stops opening doors and they are signed out on every device. You can enable them again later.</p>
      </ConfirmDialog>

      <ConfirmDialog
        open={pending?.kind === 'reset'}
        title={`Reset the pass of ${pending?.user.name ?? 'user'}?`}
        confirmLabel="Reset pass"
        {...actions.dialog}
        onConfirm={() =>
          pending && void post(pending.user, '/reset-pass', `${pending.user.name} has a new pass. Their old QR codes no longer work.`)
        }
      >
        <p>
          Their old passes stop working at once: every QR code shown so far, also screenshots, is refused. Their pass page shows the new
          one.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={pending?.kind === 'sign-out'}
        title={`Sign ${pending?.user.name ?? 'user'} out everywhere?`}
        confirmLabel="Sign out everywhere"
        {...actions.dialog}
        onConfirm={() => pending && void post(pending.user, '/sign-out', `${pending.user.name} is signed out on every device.`)}
      >
        <p>
          Every browser where they are signed in loses its session{pending?.user.id === selfId ? ', this one included' : ''}. They can sign
          in again with a new code; their pass itself keeps working.
        </p>
      </ConfirmDialog>
    </>
  )
}

interface UserFields {
  name: string
  email: string
  phone: string
  role: Role
  groupIds: string[]
  /** datetime-local values, in the admin's time zone; empty: open-ended. */
  accessFrom: string
  accessUntil: string
}

/** The user's groups by name; ids the list does not know yet are counted. */
function GroupNames({ ids, groups }: { ids: string[]; groups: AccessGroup[] | undefined }) {
  if (ids.length === 0) return <span className="muted">None: opens no door</span>
  if (!groups) return <span className="muted">{ids.length === 1 ? '1 group' : `${ids.length} groups`}</span>
  return (
    <ul className="cell-list">
      {namesOf(ids, groups).map((name) => (
        <li key={name}>{name}</li>
      ))}
    </ul>
  )
}

/** "From 1 Jul 2026, 08:00", "Until …", or "Expired …": only for a user whose access has a window. */
function ValidityWords({ user, now }: { user: AdminUser; now: number }) {
  if (user.accessUntil && Date.parse(user.accessUntil) <= now) {
    return <span className="cell-detail error-text">Access ended {formatDate(user.accessUntil)}</span>
  }
  if (user.accessFrom && Date.parse(user.accessFrom) > now) {
    return <span className="cell-detail">Access from {formatDate(user.accessFrom)}</span>
  }
  if (user.accessUntil) return <span className="cell-detail">Access until {formatDate(user.accessUntil)}</span>
  return null
}

/** The form's fields as its labels name them, for the alert above a failed save. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'E-mail',
  phone: 'Phone',
  role: 'Role',
  groupIds: 'Groups',
  accessFrom: 'Access from',
  accessUntil: 'Access until',
}

function UserFieldset(props: {
  idPrefix: string
  fields: UserFields
  onChange: (fields: UserFields) => void
  errors: Record<string, string>
  groups: AccessGroup[] | undefined
  roleLocked?: boolean
}) {
  const { idPrefix, fields, errors } = props
  const shownGroups = props.groups ? fields.groupIds.filter((id) => props.groups!.some((group) => group.id === id)) : fields.groupIds
  const input = (name: 'name' | 'email' | 'phone' | 'accessFrom' | 'accessUntil') => ({
    id: `${idPrefix}-${name}`,
    name,
    value: fields[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => props.onChange({ ...fields, [name]: event.target.value }),
    error: errors[name],
  })
  return (
    <div className="form-grid">
      <TextField label="Name" {...input('name')} required autoComplete="off" maxLength={200} />
      <TextField label="E-mail" {...input('email')} type="email" autoComplete="off" placeholder="name@example.com" />
      <TextField label="Phone" {...input('phone')} type="tel" autoComplete="off" placeholder="+14155550123" />
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>Role</label>
        <select
          id={`${idPrefix}-role`}
          name="role"
          value={fields.role}
          disabled={props.roleLocked}
          aria-describedby={props.roleLocked ? `${idPrefix}-role-hint` : undefined}
          onChange={(event) => props.onChange({ ...fields, role: event.target.value as Role })}
        >
          <option value="user">User</option>
          <option value="admin">Admin</option>
        </select>
        {props.roleLocked && (
          <p id={`${idPrefix}-role-hint`} className="field-hint">
            You cannot remove your own admin role.
          </p>
        )}
      </div>
      <div className="form-grid-wide">
        <CheckboxList
          id={`${idPrefix}-groups`}
          legend="Groups"
          options={props.groups?.map((group) => ({ id: group.id, label: group.name }))}
          value={fields.groupIds}
          onChange={(groupIds) => props.onChange({ ...fields, groupIds })}
          loading="Loading groups…"
          empty={
            <>
              No groups yet: add one on the <Link href="/admin/groups">Groups</Link> page.
            </>
          }
          hint={
            shownGroups.length === 0
              ? 'In no group, their pass opens no door.'
              : 'Their pass opens the doors of these groups, at the times their schedules allow.'
          }
          error={errors.groupIds}
        />
      </div>
      <TextField label="Access from (optional)" {...input('accessFrom')} type="datetime-local" />
      <TextField label="Access until (optional)" {...input('accessUntil')} type="datetime-local" />
    </div>
  )
}

// A new person joins "Everyone" unless the admin picks otherwise, as the API does.
const emptyFields: UserFields = {
  name: '',
  email: '',
  phone: '',
  role: 'user',
  groupIds: [EVERYONE_GROUP_ID],
  accessFrom: '',
  accessUntil: '',
}

/** The groups and validity window as the API takes them; groups deleted meanwhile are not sent back. */
function accessBody(fields: UserFields, groups: AccessGroup[] | undefined) {
  return {
    ...(groups ? { groupIds: fields.groupIds.filter((id) => groups.some((group) => group.id === id)) } : {}),
    accessFrom: fromDateTimeLocal(fields.accessFrom) ?? null,
    accessUntil: fromDateTimeLocal(fields.accessUntil) ?? null,
  }
}

/**
 * The state of a form around UserFieldset: a name is required before anything is sent; on success
 * the saved user is handed over (and, with `clear`, the fields start empty again).
 */
function useUserForm(
  initial: UserFields,
  options: { save: (fields: UserFields) => Promise<ApiResult<AdminUser>>; saved: (user: AdminUser) => Promise<void>; clear?: boolean },
) {
  const [fields, setFields] = useState(initial)
  const { busy, failure, setFailure, run } = useApiCall()

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!fields.name.trim()) return setFailure(localFailure('name', 'Enter the person’s name.'))
    const from = fromDateTimeLocal(fields.accessFrom)
    const until = fromDateTimeLocal(fields.accessUntil)
    if (from && until && Date.parse(until) <= Date.parse(from)) {
      return setFailure(localFailure('accessUntil', 'Access must end after it starts.'))
    }
    const result = await run(() => options.save(fields))
    if (!result.ok) return
    if (options.clear) setFields(initial)
    await options.saved(result.data)
  }

  return { busy, failure, submit, fieldset: { fields, onChange: setFields, errors: fieldErrors(failure) } }
}

function CreateUserForm({ groups, onCreated }: { groups: AccessGroup[] | undefined; onCreated: (user: AdminUser) => Promise<void> }) {
  const form = useUserForm(emptyFields, {
    save: (fields) => {
      const access = accessBody(fields, groups)
      return sendJson<AdminUser>('/api/admin/users', 'POST', {
        name: fields.name,
        ...(fields.email.trim() ? { email: fields.email } : {}),
        ...(fields.phone.trim() ? { phone: fields.phone } : {}),
        role: fields.role,
        ...access,
        // Open ends are left out rather than sent as null.
        accessFrom: access.accessFrom ?? undefined,
        accessUntil: access.accessUntil ?? undefined,
      })
    },
    saved: onCreated,
    clear: true,
  })

  return (
    <form onSubmit={form.submit} className="admin-panel" aria-labelledby="create-user-heading" noValidate>
      <h2 id="create-user-heading">Add a user</h2>
      <p className="muted">They sign in with a one-time code sent to their e-mail address or phone: give at least one.</p>
      <UserFieldset idPrefix="new-user" {...form.fieldset} groups={groups} />
      <FailureAlert failure={readableFailure(form.failure, FIELD_LABELS)} />
      <FormActions busy={form.busy} busyLabel="Adding…" submitLabel="Add user" />
    </form>
  )
}

function EditUserForm(props: {
  user: AdminUser
  groups: AccessGroup[] | undefined
  isSelf: boolean
  onCancel: () => void
  onSaved: (user: AdminUser) => Promise<void>
}) {
  const { user } = props
  const form = useUserForm(
    {
      name: user.name,
      email: user.email ?? '',
      phone: user.phone ?? '',
      role: user.role,
      groupIds: user.groupIds,
      accessFrom: toDateTimeLocal(user.accessFrom ?? undefined),
      accessUntil: toDateTimeLocal(user.accessUntil ?? undefined),
    },
    {
      // An emptied contact field removes it (null); the API refuses removing the last one.
      save: (fields) =>
        sendJson<AdminUser>(userUrl(user), 'PATCH', {
          name: fields.name,
          email: fields.email.trim() || null,
          phone: fields.phone.trim() || null,
          ...(props.isSelf ? {} : { role: fields.role }),
          ...accessBody(fields, props.groups),
        }),
      saved: props.onSaved,
    },
  )

  return (
    <form onSubmit={form.submit} noValidate>
      <UserFieldset idPrefix="edit-user" {...form.fieldset} groups={props.groups} roleLocked={props.isSelf} />
      <FailureAlert failure={readableFailure(form.failure, FIELD_LABELS)} />
      <FormActions busy={form.busy} busyLabel="Saving…" submitLabel="Save changes" onCancel={props.onCancel} />
    </form>
  )
}
