'use client'

import { useState, type FormEvent } from 'react'
import type { ApiFailure } from '@/components/api-client'
import { ConfirmDialog, Dialog } from '@/components/admin/Dialog'
import { formatDateTime, formatRelative } from '@/components/admin/format'
import { fieldErrors, localFailure, sendJson, useAdminData } from '@/components/admin/use-admin-data'

type Role = 'user' | 'admin'

interface AdminUser {
  id: string
  name: string
  email: string | null
  phone: string | null
  role: Role
  disabled: boolean
  hasPass: boolean
  lastGrantedAt: string | null
  createdAt: string
}

type Pending =
  | { kind: 'edit'; user: AdminUser }
  | { kind: 'disable'; user: AdminUser }
  | { kind: 'reset'; user: AdminUser }
  | { kind: 'sign-out'; user: AdminUser }
  | null

const userUrl = (user: AdminUser, action = '') => `/api/admin/users/${encodeURIComponent(user.id)}${action}`

export function UsersAdmin({ selfId }: { selfId: string }) {
  const { state, reload } = useAdminData<{ users: AdminUser[] }>('/api/admin/users')
  const [pending, setPending] = useState<Pending>(null)
  const [busy, setBusy] = useState(false)
  const [actionError, setActionError] = useState<string | null>(null)
  const [notice, setNotice] = useState('')

  function open(next: Pending) {
    setActionError(null)
    setPending(next)
  }

  /** Runs a row action; on success the dialog closes and the list reloads, on failure the error stays visible. */
  async function run(action: () => Promise<{ ok: boolean; message?: string }>, done: string) {
    setBusy(true)
    setActionError(null)
    const result = await action()
    setBusy(false)
    if (!result.ok) {
      setActionError(result.message ?? 'That did not work. Try again.')
      return
    }
    setPending(null)
    setNotice(done)
    await reload()
  }

  async function setDisabled(user: AdminUser, disabled: boolean) {
    await run(
      () => sendJson(userUrl(user), 'PATCH', { disabled }),
      disabled ? `${user.name} is disabled: their pass no longer opens doors.` : `${user.name} is enabled again.`,
    )
  }

  return (
    <>
      <CreateUserForm
        onCreated={async (user) => {
          setNotice(`${user.name} was added. They sign in with a code sent to ${user.email ?? user.phone}.`)
          await reload()
        }}
      />

      <h2>All users</h2>
      <p role="status" className="admin-notice" aria-live="polite">
        {notice}
      </p>
      {actionError && !pending && (
        <p className="error" role="alert">
          {actionError}
        </p>
      )}
      {state.kind === 'loading' && <p role="status">Loading users…</p>}
      {state.kind === 'error' && (
        <div role="alert">
          <p className="error">Could not load the users: {state.message}</p>
          <button type="button" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      )}
      {state.kind === 'ready' && state.data.users.length === 0 && <p>No users yet: add the first one above.</p>}
      {state.kind === 'ready' && state.data.users.length > 0 && (
        <div className="table-scroll">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Access</th>
                <th scope="col">Last door opening</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
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
                    <span className={`badge ${user.disabled ? 'badge-bad' : 'badge-ok'}`}>
                      {user.disabled ? 'Disabled' : 'Active'}
                    </span>
                  </td>
                  <td>
                    {user.lastGrantedAt ? (
                      <time dateTime={user.lastGrantedAt} title={formatDateTime(user.lastGrantedAt)}>
                        {formatRelative(user.lastGrantedAt)}
                      </time>
                    ) : (
                      <span className="muted">never</span>
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="secondary small" aria-label={`Edit ${user.name}`} onClick={() => open({ kind: 'edit', user })}>
                        Edit
                      </button>
                      {user.disabled ? (
                        <button type="button" className="secondary small" aria-label={`Enable ${user.name}`} disabled={busy} onClick={() => void setDisabled(user, false)}>
                          Enable
                        </button>
                      ) : (
                        <button type="button" className="secondary small" aria-label={`Disable ${user.name}`} onClick={() => open({ kind: 'disable', user })}>
                          Disable
                        </button>
                      )}
                      <button type="button" className="secondary small" aria-label={`Reset pass of ${user.name}`} onClick={() => open({ kind: 'reset', user })}>
                        Reset pass
                      </button>
                      <button type="button" className="secondary small" aria-label={`Sign out ${user.name} everywhere`} onClick={() => open({ kind: 'sign-out', user })}>
                        Sign out everywhere
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Dialog open={pending?.kind === 'edit'} title={`Edit ${pending?.user.name ?? 'user'}`} onClose={() => setPending(null)}>
        {pending?.kind === 'edit' && (
          <EditUserForm
            user={pending.user}
            isSelf={pending.user.id === selfId}
            onCancel={() => setPending(null)}
            onSaved={async (user) => {
              setPending(null)
              setNotice(`Saved the changes to ${user.name}.`)
              await reload()
            }}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={pending?.kind === 'disable'}
        title={`Disable ${pending?.user.name ?? 'user'}?`}
        confirmLabel="Disable"
        busy={busy}
        error={actionError}
        onClose={() => setPending(null)}
        onConfirm={() => pending && void setDisabled(pending.user, true)}
      >
        <p>Their pass stops opening doors and they are signed out on every device. You can enable them again later.</p>
      </ConfirmDialog>

      <ConfirmDialog
        open={pending?.kind === 'reset'}
        title={`Reset the pass of ${pending?.user.name ?? 'user'}?`}
        confirmLabel="Reset pass"
        busy={busy}
        error={actionError}
        onClose={() => setPending(null)}
        onConfirm={() =>
          pending &&
          void run(
            () => sendJson(userUrl(pending.user, '/reset-pass'), 'POST', {}),
            `${pending.user.name} has a new pass. Their old QR codes no longer work.`,
          )
        }
      >
        <p>
          Their old passes stop working at once: every QR code shown so far, also screenshots, is refused. Their pass page
          shows the new one.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={pending?.kind === 'sign-out'}
        title={`Sign ${pending?.user.name ?? 'user'} out everywhere?`}
        confirmLabel="Sign out everywhere"
        busy={busy}
        error={actionError}
        onClose={() => setPending(null)}
        onConfirm={() =>
          pending &&
          void run(
            () => sendJson(userUrl(pending.user, '/sign-out'), 'POST', {}),
            `${pending.user.name} is signed out on every device.`,
          )
        }
      >
        <p>
          Every browser where they are signed in loses its session{pending?.user.id === selfId ? ', this one included' : ''}. They
          can sign in again with a new code; their pass itself keeps working.
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
}

function UserFieldset(props: {
  idPrefix: string
  fields: UserFields
  onChange: (fields: UserFields) => void
  errors: Record<string, string>
  roleLocked?: boolean
}) {
  const { idPrefix, fields, errors } = props
  const input = (name: 'name' | 'email' | 'phone', label: string, extra: Record<string, string | number | boolean>) => {
    const id = `${idPrefix}-${name}`
    const errorId = `${id}-error`
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          name={name}
          value={fields[name]}
          onChange={(event) => props.onChange({ ...fields, [name]: event.target.value })}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={errors[name] ? errorId : undefined}
          {...extra}
        />
        {errors[name] && (
          <p id={errorId} className="field-error">
            {errors[name]}
          </p>
        )}
      </div>
    )
  }
  return (
    <div className="form-grid">
      {input('name', 'Name', { required: true, autoComplete: 'off', maxLength: 200 })}
      {input('email', 'E-mail', { type: 'email', autoComplete: 'off', placeholder: 'name@example.com' })}
      {input('phone', 'Phone', { type: 'tel', autoComplete: 'off', placeholder: '+14155550123' })}
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
    </div>
  )
}

const emptyFields: UserFields = { name: '', email: '', phone: '', role: 'user' }

function CreateUserForm({ onCreated }: { onCreated: (user: AdminUser) => Promise<void> }) {
  const [fields, setFields] = useState(emptyFields)
  const [failure, setFailure] = useState<ApiFailure | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!fields.name.trim()) return setFailure(localFailure('name', 'Enter the person’s name.'))
    setBusy(true)
    setFailure(null)
    const result = await sendJson<AdminUser>('/api/admin/users', 'POST', {
      name: fields.name,
      ...(fields.email.trim() ? { email: fields.email } : {}),
      ...(fields.phone.trim() ? { phone: fields.phone } : {}),
      role: fields.role,
    })
    setBusy(false)
    if (!result.ok) {
      setFailure(result)
      return
    }
    setFields(emptyFields)
    await onCreated(result.data)
  }

  return (
    <form onSubmit={submit} className="admin-panel" aria-labelledby="create-user-heading" noValidate>
      <h2 id="create-user-heading">Add a user</h2>
      <p className="muted">They sign in with a one-time code sent to their e-mail address or phone: give at least one.</p>
      <UserFieldset idPrefix="new-user" fields={fields} onChange={setFields} errors={fieldErrors(failure)} />
      {failure && (
        <p className="error" role="alert">
          {failure.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add user'}
        </button>
      </div>
    </form>
  )
}

function EditUserForm(props: { user: AdminUser; isSelf: boolean; onCancel: () => void; onSaved: (user: AdminUser) => Promise<void> }) {
  const { user } = props
  const [fields, setFields] = useState<UserFields>({
    name: user.name,
    email: user.email ?? '',
    phone: user.phone ?? '',
    role: user.role,
  })
  const [failure, setFailure] = useState<ApiFailure | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!fields.name.trim()) return setFailure(localFailure('name', 'Enter the person’s name.'))
    setBusy(true)
    setFailure(null)
    // An emptied contact field removes it (null); the API refuses removing the last one.
    const result = await sendJson<AdminUser>(userUrl(user), 'PATCH', {
      name: fields.name,
      email: fields.email.trim() || null,
      phone: fields.phone.trim() || null,
      ...(props.isSelf ? {} : { role: fields.role }),
    })
    setBusy(false)
    if (!result.ok) {
      setFailure(result)
      return
    }
    await props.onSaved(result.data)
  }

  return (
    <form onSubmit={submit} noValidate>
      <UserFieldset idPrefix="edit-user" fields={fields} onChange={setFields} errors={fieldErrors(failure)} roleLocked={props.isSelf} />
      {failure && (
        <p className="error" role="alert">
          {failure.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
