'use client'

// The outbox as pages of SWR's useSWRInfinite: the newest page first, "Show older messages" adds the
// next one by its cursor.
import useSWRInfinite from 'swr/infinite'
import type { z } from 'zod'
import type { ApiRequestError } from '@/components/api-client'
import { formatDateTime } from '@/components/admin/format'
import { FailureAlert, LoadStatus } from '@/components/admin/shared/LoadStatus'
import { StatusBadge, type Tone } from '@/components/admin/shared/StatusBadge'
import { adminFetcher, adminSWRConfig, loadable } from '@/components/admin/use-admin-data'
import type { deliveryListResponseSchema } from '@/lib/admin/api-schemas'

type DeliveryPage = z.infer<typeof deliveryListResponseSchema>
type Delivery = DeliveryPage['deliveries'][number]

const PAGE_SIZE = 50

const statusText: Record<Delivery['status'], { text: string; tone: Tone }> = {
  queued: { text: 'Queued', tone: 'neutral' },
  sent: { text: 'Sent', tone: 'ok' },
  failed: { text: 'Failed', tone: 'bad' },
  demo: { text: 'Demo: not sent', tone: 'neutral' },
}

/** The URL of page `index`: the newest without a cursor, each older one after the page before it; none after the last. */
function pageUrl(index: number, previous: DeliveryPage | null): string | null {
  if (index > 0 && !previous?.nextCursor) return null
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) })
  if (previous?.nextCursor) params.set('cursor', previous.nextCursor)
  return `/api/admin/deliveries?${params}`
}

export function Outbox() {
  const pages = useSWRInfinite<DeliveryPage, ApiRequestError>(pageUrl, (url: string) => adminFetcher<DeliveryPage>(url), {
    ...adminSWRConfig,
    // Adding an older page fetches that page only, not the newest one again.
    revalidateFirstPage: false,
  })
  const { data, error, size } = pages
  const loadingOlder = pages.isValidating && data !== undefined && size > data.length

  async function refresh() {
    // Back to the newest page alone, fetched afresh.
    await pages.setSize(1)
    await pages.mutate()
  }

  if (!data) {
    return (
      <LoadStatus
        state={loadable(data, error)}
        loading="Loading messages…"
        failed="Could not load the outbox"
        onRetry={() => void pages.mutate()}
      />
    )
  }
  const deliveries = data.flatMap((page) => page.deliveries)
  const nextCursor = data.at(-1)?.nextCursor ?? null

  return (
    <>
      <div className="toolbar">
        <p className="muted">
          {deliveries.length === 0
            ? 'Nothing sent yet.'
            : `${deliveries.length}${nextCursor ? '+' : ''} message${deliveries.length === 1 ? '' : 's'}, newest first.`}
        </p>
        <button type="button" className="secondary small" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      {deliveries.length === 0 ? (
        <p className="empty-state">No e-mail or SMS yet. Login codes and codes sent through the APIs appear here.</p>
      ) : (
        <ol className="outbox-list">
          {deliveries.map((delivery) => {
            const status = statusText[delivery.status] ?? { text: delivery.status, tone: 'neutral' as const }
            const channel = delivery.channel === 'sms' ? 'SMS' : 'E-mail'
            return (
              <li key={delivery.id} className="outbox-item" aria-label={`${channel} to ${delivery.recipient}`}>
                <div className="outbox-head">
                  <span className="outbox-channel">{channel}</span>
                  <span className="outbox-recipient">to {delivery.recipient}</span>
                  <StatusBadge tone={status.tone}>{status.text}</StatusBadge>
                  <time dateTime={delivery.createdAt} className="outbox-time">
                    {formatDateTime(delivery.createdAt)}
                  </time>
                </div>
                {delivery.subject && <p className="outbox-subject">{delivery.subject}</p>}
                {delivery.error && <p className="error-text outbox-line">Error: {delivery.error}</p>}
                {delivery.providerId && (
                  <p className="muted outbox-line">
                    Provider id <code>{delivery.providerId}</code>
                  </p>
                )}
                {delivery.body ? (
                  <pre className="message-body">{delivery.body}</pre>
                ) : (
                  <p className="muted outbox-line">The text is kept only in demo mode.</p>
                )}
              </li>
            )
          })}
        </ol>
      )}
      {nextCursor && (
        <div className="actions">
          <button type="button" className="secondary" disabled={loadingOlder} onClick={() => void pages.setSize(data.length + 1)}>
            {loadingOlder ? 'Loading…' : 'Show older messages'}
          </button>
        </div>
      )}
      {/* A failed refresh or older page: the messages already shown stay. */}
      <FailureAlert failure={error} />
    </>
  )
}
