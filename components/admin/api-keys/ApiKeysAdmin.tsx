'use client'

import { useState } from 'react'
import type { z } from 'zod'
import { ConfirmDialog } from '@/components/admin/Dialog'
import { formatDate } from '@/components/admin/format'
import { AdminTable, RowButton } from '@/components/admin/shared/AdminTable'
import { CreateByNameForm } from '@/components/admin/shared/CreateByNameForm'
import { LoadStatus, Notice } from '@/components/admin/shared/LoadStatus'
import { RelativeTime } from '@/components/admin/shared/RelativeTime'
import { SecretPanel, SecretValue } from '@/components/admin/shared/SecretPanel'
import { StatusBadge } from '@/components/admin/shared/StatusBadge'
import { usePendingAction } from '@/components/admin/shared/use-api-call'
import { sendJson, useAdminData } from '@/components/admin/use-admin-data'
import type { apiKeyListResponseSchema, apiKeySchema, createApiKeyResponseSchema } from '@/lib/admin/api-schemas'

type ApiKey = z.infer<typeof apiKeySchema>
type CreatedApiKey = z.infer<typeof createApiKeyResponseSchema>

const LIST_REFRESH = { revalidateOnFocus: true, refreshInterval: 60_000 }

export function ApiKeysAdmin() {
  // A key is usually tried from another window right after it is made: the list loads again when
  // the admin comes back, and each minute, so "Last used" does not stay "never" until a reload.
  const { state, mutate } = useAdminData<z.infer<typeof apiKeyListResponseSchema>>('/api/admin/api-keys', LIST_REFRESH)
  const [created, setCreated] = useState<CreatedApiKey | null>(null)
  const revoking = usePendingAction<ApiKey>()
  const [notice, setNotice] = useState('')

  async function revoke(key: ApiKey) {
    const result = await revoking.act(() => sendJson(`/api/admin/api-keys/${encodeURIComponent(key.id)}`, 'DELETE'))
    if (!result.ok) return
    if (created?.id === key.id) setCreated(null)
    setNotice(`${key.name} is revoked: requests with it are refused from now on.`)
    await mutate()
  }

  return (
    <>
      {created ? (
        <NewKeyPanel apiKey={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateByNameForm<CreatedApiKey>
          url="/api/admin/api-keys"
          headingId="create-key-heading"
          heading="Create an API key"
          field={{ id: 'key-name', label: 'Key name', placeholder: 'Billing backend', missing: 'Enter a name for the key.' }}
          submitLabel="Create key"
          busyLabel="Creating…"
          onCreated={async (key) => {
            setCreated(key)
            setNotice('')
            await mutate()
          }}
        >
          <p className="muted">
            A key lets a backend call every API with <code>Authorization: Bearer &lt;key&gt;</code>. Name it after the system that uses it.
          </p>
        </CreateByNameForm>
      )}

      <h2>Keys</h2>
      <Notice>{notice}</Notice>
      <LoadStatus state={state} loading="Loading API keys…" failed="Could not load the API keys" onRetry={() => void mutate()} />
      {state.kind === 'ready' && state.data.apiKeys.length === 0 && (
        <p>No API keys yet. Backends that generate codes or read the door state need one.</p>
      )}
      {state.kind === 'ready' && state.data.apiKeys.length > 0 && (
        <AdminTable columns={['Name', 'Key starts with', 'Created', 'Last used', 'Status']} actions>
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
                <RelativeTime iso={key.lastUsedAt} />
              </td>
              <td>
                <StatusBadge tone={key.revokedAt ? 'bad' : 'ok'}>{key.revokedAt ? 'Revoked' : 'Active'}</StatusBadge>
                {key.revokedAt && <span className="cell-detail">{formatDate(key.revokedAt)}</span>}
              </td>
              <td>
                {!key.revokedAt && (
                  <RowButton label={`Revoke ${key.name}`} danger onClick={() => revoking.open(key)}>
                    Revoke
                  </RowButton>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}

      <ConfirmDialog
        open={revoking.pending !== null}
        title={`Revoke ${revoking.pending?.name ?? 'API key'}?`}
        confirmLabel="Revoke key"
        {...revoking.dialog}
        onConfirm={() => revoking.pending && void revoke(revoking.pending)}
      >
        <p>Every request with this key is refused at once (401). Backends still using it stop working. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  )
}

function NewKeyPanel({ apiKey, onDone }: { apiKey: CreatedApiKey; onDone: () => void }) {
  return (
    <SecretPanel
      headingId="new-key-heading"
      heading={`New key: ${apiKey.name}`}
      warning={
        <>Copy the key now and store it where the backend reads its secrets; QR Door keeps only a hash of it and cannot show it again.</>
      }
      doneLabel="Done: I stored the key"
      onDone={onDone}
    >
      <SecretValue label="API key" copy={apiKey.key} copyLabel="Copy key">
        <code data-testid="new-api-key">{apiKey.key}</code>
      </SecretValue>
    </SecretPanel>
  )
}
