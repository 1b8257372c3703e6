'use client'

// The webhook delivery log, newest first, by endpoint and status: pages of SWR's useSWRInfinite as
// on the Outbox page, refreshed by itself; "Send again" tries one delivery at once and says how it went.
import { useState } from 'react'
import useSWRInfinite from 'swr/infinite'
import type { z } from 'zod'
import type { ApiFailure, ApiRequestError } from '@/components/api-client'
import { formatDateTime, formatRelative } from '@/components/admin/format'
import { FailureAlert, LoadStatus, Notice } from '@/components/admin/shared/LoadStatus'
import { StatusBadge, type Tone } from '@/components/admin/shared/StatusBadge'
import { useApiCall } from '@/components/admin/shared/use-api-call'
import { adminFetcher, adminSWRConfig, loadable, sendJson } from '@/components/admin/use-admin-data'
import type { webhookDeliveryListResponseSchema, webhookDeliverySchema, webhookEndpointSchema } from '@/lib/events/api-schemas'

type DeliveryPage = z.infer<typeof webhookDeliveryListResponseSchema>
type Delivery = z.infer<typeof webhookDeliverySchema>
type Endpoint = z.infer<typeof webhookEndpointSchema>
type Status = Delivery['status']

const PAGE_SIZE = 50
const LOG_POLL_MS = 15_000

const statusText: Record<Status, { text: string; tone: Tone }> = {
  queued: { text: 'Queued', tone: 'neutral' },
  sent: { text: 'Sent', tone: 'ok' },
  failed: { text: 'Failed', tone: 'bad' },
}

export interface DeliveryFilters {
  /** An endpoint's id, or '' for all. */
  endpoint: string
  status: Status | ''
}

/** The log's pages for the filters picked; `refresh` starts again from the newest page. */
export function useDeliveryLog() {
  const [filters, setFilters] = useState<DeliveryFilters>({ endpoint: '', status: '' })
  const pageUrl = (index: number, previous: DeliveryPage | null): string | null => {
    if (index > 0 && !previous?.nextCursor) return null
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) })
    if (filters.endpoint) params.set('endpoint', filters.endpoint)
    if (filters.status) params.set('status', filters.status)
    if (previous?.nextCursor) params.set('cursor', previous.nextCursor)
    return `/api/admin/webhooks/deliveries?${params}`
  }
  const pages = useSWRInfinite<DeliveryPage, ApiRequestError>(pageUrl, (url: string) => adminFetcher<DeliveryPage>(url), {
    ...adminSWRConfig,
    revalidateFirstPage: false,
    refreshInterval: LOG_POLL_MS,
  })
  async function refresh() {
    await pages.setSize(1)
    await pages.mutate()
  }
  return { pages, filters, setFilters, refresh }
}

/** When a queued delivery is tried next: "in 5 minutes", or "in under a minute" / "now" when due. */
function nextTryWords(iso: string, now: number = Date.now()): string {
  const wait = Date.parse(iso) - now
  if (wait <= 0) return 'now'
  return wait < 60_000 ? 'in under a minute' : formatRelative(iso, now)
}

/** What "Send again" did, in words: the receiver's answer, or why it failed and what happens next. */
function retryWords(delivery: Delivery): string {
  const answer = delivery.lastStatus !== null ? `answered HTTP ${delivery.lastStatus}` : (delivery.error ?? 'did not answer')
  if (delivery.status === 'sent') return `Sent again: ${delivery.url} ${answer}.`
  const why = delivery.lastStatus !== null && delivery.error ? `${answer} (${delivery.error})` : answer
  if (delivery.status === 'queued' && delivery.nextAttemptAt) {
    return `Not delivered: ${delivery.url} ${why}. It is tried again ${nextTryWords(delivery.nextAttemptAt)}.`
  }
  return `Not delivered: ${delivery.url} ${why}. No tries are left; send it again once the receiver is fixed.`
}

export function DeliveryLog(props: {
  log: ReturnType<typeof useDeliveryLog>
  endpoints: Endpoint[] | undefined
  /** After "Send again": the counts and the backlog change too. */
  onChanged: () => Promise<void>
}) {
  const { pages, filters, setFilters } = props.log
  const { data, error, size } = pages
  const loadingOlder = pages.isValidating && data !== undefined && size > data.length
  const retry = useApiCall()
  const [sendingId, setSendingId] = useState<string | null>(null)
  const [notice, setNotice] = useState('')
  const [failure, setFailure] = useState<ApiFailure | null>(null)

  async function sendAgain(delivery: Delivery) {
    setSendingId(delivery.id)
    setNotice('')
    setFailure(null)
    const result = await retry.run(() =>
      sendJson<Delivery>(`/api/admin/webhooks/deliveries/${encodeURIComponent(delivery.id)}/retry`, 'POST'),
    )
    setSendingId(null)
    if (result.ok) setNotice(retryWords(result.data))
    else setFailure({ ...result, message: `Could not send ${delivery.type} again: ${result.message}` })
    await Promise.all([pages.mutate(), props.onChanged()])
  }

  const deliveries = data?.flatMap((page) => page.deliveries) ?? []
  const nextCursor = data?.at(-1)?.nextCursor ?? null
  const filtered = filters.endpoint !== '' || filters.status !== ''

  return (
    <section aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Delivery log</h2>
      <div className="log-filters">
        <div className="field">
          <label htmlFor="deliveries-status">Status</label>
          <select
            id="deliveries-status"
            value={filters.status}
            onChange={(event) => setFilters({ ...filters, status: event.target.value as DeliveryFilters['status'] })}
          >
            <option value="">Any status</option>
            <option value="queued">Queued</option>
            <option value="sent">Sent</option>
            <option value="failed">Failed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="deliveries-endpoint">Endpoint</label>
          <select
            id="deliveries-endpoint"
            value={filters.endpoint}
            onChange={(event) => setFilters({ ...filters, endpoint: event.target.value })}
          >
            <option value="">Every endpoint</option>
            {props.endpoints?.map((endpoint) => (
              <option key={endpoint.id} value={endpoint.id}>
                {endpoint.url}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="secondary" onClick={() => void props.log.refresh()}>
          Refresh
        </button>
      </div>
      <Notice>{notice}</Notice>
      <FailureAlert failure={failure} />
      {!data ? (
        <LoadStatus
          state={loadable(data, error)}
          loading="Loading deliveries…"
          failed="Could not load the delivery log"
          onRetry={() => void pages.mutate()}
        />
      ) : deliveries.length === 0 ? (
        <p className="empty-state">
          {filtered
            ? 'No deliveries match these filters.'
            : 'No deliveries yet. One is made for each endpoint that wants an event, when the event happens.'}
        </p>
      ) : (
        <ol className="outbox-list" aria-labelledby="deliveries-heading">
          {deliveries.map((delivery) => (
            <DeliveryItem
              key={delivery.id}
              delivery={delivery}
              sending={sendingId === delivery.id}
              disabled={retry.busy}
              onSendAgain={() => void sendAgain(delivery)}
            />
          ))}
        </ol>
      )}
      {nextCursor && (
        <div className="actions">
          <button type="button" className="secondary" disabled={loadingOlder} onClick={() => void pages.setSize((data?.length ?? 0) + 1)}>
            {loadingOlder ? 'Loading…' : 'Show older deliveries'}
          </button>
        </div>
      )}
      {/* A failed refresh or older page: the deliveries already shown stay. */}
      {data && <FailureAlert failure={error} />}
    </section>
  )
}

function DeliveryItem(props: { delivery: Delivery; sending: boolean; disabled: boolean; onSendAgain: () => void }) {
  const { delivery } = props
  const status = statusText[delivery.status] ?? { text: delivery.status, tone: 'neutral' as const }
  const tries = delivery.attempts === 0 ? 'Not tried yet' : delivery.attempts === 1 ? '1 try' : `${delivery.attempts} tries`
  return (
    <li className="outbox-item" aria-label={`${delivery.type} to ${delivery.url}`}>
      <div className="outbox-head">
        <code className="outbox-channel">{delivery.type}</code>
        <StatusBadge tone={status.tone}>{status.text}</StatusBadge>
        <time dateTime={delivery.createdAt} className="outbox-time">
          {formatDateTime(delivery.createdAt)}
        </time>
      </div>
      <p className="outbox-line outbox-recipient">to {delivery.url}</p>
      <p className="muted outbox-line">
        Event <code>{delivery.eventId}</code> · delivery <code>{delivery.id}</code>
      </p>
      <p className="outbox-line">
        {tries}
        {delivery.lastStatus !== null && <> · last answer HTTP {delivery.lastStatus}</>}
        {delivery.lastAttemptAt && (
          <>
            {' '}
            · last try{' '}
            <time dateTime={delivery.lastAttemptAt} title={formatDateTime(delivery.lastAttemptAt)}>
              {formatRelative(delivery.lastAttemptAt)}
            </time>
          </>
        )}
      </p>
      {delivery.error && <p className="error-text outbox-line">Error: {delivery.error}</p>}
      {delivery.status === 'queued' && delivery.nextAttemptAt && (
        <p className="outbox-line">
          Next try{' '}
          <time dateTime={delivery.nextAttemptAt} title={formatDateTime(delivery.nextAttemptAt)}>
            {nextTryWords(delivery.nextAttemptAt)}
          </time>
        </p>
      )}
      <div className="outbox-actions">
        <button
          type="button"
          className="secondary small"
          aria-label={`Send again: ${delivery.eventId} to ${delivery.url}`}
          disabled={props.disabled}
          onClick={props.onSendAgain}
        >
          {props.sending ? 'Sending…' : 'Send again'}
        </button>
      </div>
    </li>
  )
}
