'use client'

// The Webhooks page: the endpoints other systems listen on (add one, its secret shown once; delete
// one), what waits to be sent, and the delivery log with "Send again". Every list refreshes by
// itself, and after each change made here.
import { useState, type FormEvent } from 'react'
import type { z } from 'zod'
import { ConfirmDialog } from '@/components/admin/Dialog'
import { formatDate } from '@/components/admin/format'
import { AdminTable, RowButton } from '@/components/admin/shared/AdminTable'
import { CheckboxList } from '@/components/admin/shared/CheckboxList'
import { FormActions } from '@/components/admin/shared/FormActions'
import { FailureAlert, LoadStatus, Notice } from '@/components/admin/shared/LoadStatus'
import { readableFailure } from '@/components/admin/shared/readable-failure'
import { SecretPanel, SecretValue } from '@/components/admin/shared/SecretPanel'
import { StatusBadge } from '@/components/admin/shared/StatusBadge'
import { TextField } from '@/components/admin/shared/TextField'
import { useApiCall, usePendingAction } from '@/components/admin/shared/use-api-call'
import { fieldErrors, localFailure, sendJson, useAdminData } from '@/components/admin/use-admin-data'
import type { createWebhookResponseSchema, webhookEndpointSchema, webhookListResponseSchema } from '@/lib/events/api-schemas'
import { Backlog, useBacklog } from './Backlog'
import { DeliveryLog, useDeliveryLog } from './DeliveryLog'
import { ALL_EVENT_TYPES, EVENT_TYPE_OPTIONS } from './event-types'

type Endpoint = z.infer<typeof webhookEndpointSchema>
type CreatedEndpoint = z.infer<typeof createWebhookResponseSchema>

export const WEBHOOKS_URL = '/api/admin/webhooks'
/** How often the page's lists refresh by themselves: the queued and failed counts move as deliveries go out. */
export const WEBHOOKS_POLL_MS = 15_000

export function WebhooksAdmin() {
  const endpoints = useAdminData<z.infer<typeof webhookListResponseSchema>>(WEBHOOKS_URL, { refreshInterval: WEBHOOKS_POLL_MS })
  const backlog = useBacklog()
  const deliveries = useDeliveryLog()
  const [created, setCreated] = useState<CreatedEndpoint | null>(null)
  const deleting = usePendingAction<Endpoint>()
  const [notice, setNotice] = useState('')
  const { state } = endpoints

  /** After a change: the counts, the backlog and the log as they are now. */
  async function refreshAll() {
    await Promise.all([endpoints.mutate(), backlog.mutate(), deliveries.refresh()])
  }

  async function remove(endpoint: Endpoint) {
    const result = await deleting.act(() => sendJson(`${WEBHOOKS_URL}/${encodeURIComponent(endpoint.id)}`, 'DELETE'))
    if (!result.ok) return
    if (created?.id === endpoint.id) setCreated(null)
    if (deliveries.filters.endpoint === endpoint.id) deliveries.setFilters({ ...deliveries.filters, endpoint: '' })
    setNotice(`The endpoint ${endpoint.url} was deleted: nothing more is sent to it.`)
    await refreshAll()
  }

  return (
    <>
      {created ? (
        <NewSecretPanel endpoint={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateWebhookForm
          onCreated={async (endpoint) => {
            setCreated(endpoint)
            setNotice('')
            await endpoints.mutate()
          }}
        />
      )}

      <h2 id="endpoints-heading">Endpoints</h2>
      <Notice>{notice}</Notice>
      <LoadStatus
        state={state}
        loading="Loading webhook endpoints…"
        failed="Could not load the webhook endpoints"
        onRetry={() => void endpoints.mutate()}
      />
      {state.kind === 'ready' && state.data.webhooks.length === 0 && (
        <p className="empty-state">No endpoints yet. Add one above to have door events POSTed to another system.</p>
      )}
      {state.kind === 'ready' && state.data.webhooks.length > 0 && (
        <AdminTable columns={['URL', 'Deliveries', 'Events', 'Added']} labelledBy="endpoints-heading" actions>
          {state.data.webhooks.map((endpoint) => (
            <tr key={endpoint.id} className={endpoint.failed > 0 ? 'is-alert' : undefined}>
              <th scope="row" className="url-cell">
                {endpoint.url}
              </th>
              <td>
                <DeliveryCounts endpoint={endpoint} />
              </td>
              <td>
                <ul className="cell-list">
                  {endpoint.eventTypes.map((type) => (
                    <li key={type}>
                      <code>{type}</code>
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <time dateTime={endpoint.createdAt}>{formatDate(endpoint.createdAt)}</time>
              </td>
              <td>
                <RowButton label={`Delete the endpoint ${endpoint.url}`} danger onClick={() => deleting.open(endpoint)}>
                  Delete
                </RowButton>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}

      <Backlog backlog={backlog} />

      <DeliveryLog log={deliveries} endpoints={state.kind === 'ready' ? state.data.webhooks : undefined} onChanged={refreshAll} />

      <ConfirmDialog
        open={deleting.pending !== null}
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        {...deleting.dialog}
        onConfirm={() => deleting.pending && void remove(deleting.pending)}
      >
        <p className="url-cell">
          <strong>{deleting.pending?.url}</strong>
        </p>
        <p>Nothing more is sent to it, and its deliveries leave the log, those still queued included. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  )
}

function DeliveryCounts({ endpoint }: { endpoint: Endpoint }) {
  if (endpoint.queued === 0 && endpoint.failed === 0) return <span className="muted">All sent</span>
  return (
    <ul className="cell-list">
      {endpoint.queued > 0 && (
        <li>
          <StatusBadge tone="neutral">{endpoint.queued} queued</StatusBadge>
        </li>
      )}
      {endpoint.failed > 0 && (
        <li>
          <StatusBadge tone="bad">{endpoint.failed} failed</StatusBadge>
        </li>
      )}
    </ul>
  )
}

function CreateWebhookForm({ onCreated }: { onCreated: (endpoint: CreatedEndpoint) => Promise<void> }) {
  const [url, setUrl] = useState('')
  const [eventTypes, setEventTypes] = useState<string[]>(ALL_EVENT_TYPES)
  const { busy, failure, setFailure, run } = useApiCall()
  const errors = fieldErrors(failure)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!/^https?:\/\/\S+$/i.test(url.trim())) {
      return setFailure(localFailure('url', 'Enter the receiver’s address, starting with https:// or http://.'))
    }
    if (eventTypes.length === 0) return setFailure(localFailure('eventTypes', 'Pick at least one event type.'))
    // In the order of the list, whatever order they were ticked in.
    const picked = ALL_EVENT_TYPES.filter((type) => eventTypes.includes(type))
    const result = await run(() => sendJson<CreatedEndpoint>(WEBHOOKS_URL, 'POST', { url: url.trim(), eventTypes: picked }))
    if (!result.ok) return
    setUrl('')
    setEventTypes(ALL_EVENT_TYPES)
    await onCreated(result.data)
  }

  return (
    <form onSubmit={submit} className="admin-panel" aria-labelledby="create-webhook-heading" noValidate>
      <h2 id="create-webhook-heading">Add an endpoint</h2>
      <p className="muted">
        Each event is POSTed to the endpoint as JSON, signed with its secret in <code>X-QRDoor-Signature</code>, and tried again for more
        than a day while the receiver does not answer with a 2xx.
      </p>
      <TextField
        id="webhook-url"
        label="URL"
        type="url"
        inputMode="url"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        placeholder="https://example.com/qrdoor-events"
        maxLength={2000}
        autoComplete="off"
        spellCheck={false}
        error={errors.url}
      />
      <CheckboxList
        id="webhook-events"
        legend="Events"
        options={EVENT_TYPE_OPTIONS.map((option) => ({ ...option, detail: `— ${option.detail}` }))}
        value={eventTypes}
        onChange={setEventTypes}
        empty=""
        error={errors.eventTypes}
      />
      <FailureAlert failure={readableFailure(failure, { url: 'URL', eventTypes: 'Events' })} />
      <FormActions busy={busy} busyLabel="Adding…" submitLabel="Add endpoint" />
    </form>
  )
}

function NewSecretPanel({ endpoint, onDone }: { endpoint: CreatedEndpoint; onDone: () => void }) {
  return (
    <SecretPanel
      headingId="new-webhook-heading"
      heading="Endpoint added: its signing secret"
      warning={
        <>
          Copy the secret now and give it to the receiver, which checks each delivery&apos;s signature with it. QR Door cannot show it
          again: if it gets lost, delete this endpoint and add it again.
        </>
      }
      doneLabel="Done: I stored the secret"
      onDone={onDone}
    >
      <p className="url-cell">
        Deliveries of <strong>{endpoint.eventTypes.join(', ')}</strong> go to <strong>{endpoint.url}</strong>.
      </p>
      <SecretValue label="Signing secret" copy={endpoint.secret} copyLabel="Copy secret">
        <code data-testid="webhook-secret">{endpoint.secret}</code>
      </SecretValue>
      <p className="muted">
        <code>X-QRDoor-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>, where the hex is the HMAC-SHA256 of{' '}
        <code>&lt;t&gt;.&lt;raw body&gt;</code> with this secret.
      </p>
    </SecretPanel>
  )
}
