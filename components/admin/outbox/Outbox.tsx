'use client'

import { useCallback, useEffect, useState } from 'react'
import { formatDateTime } from '@/components/admin/format'
import { FailureAlert, LoadStatus } from '@/components/admin/shared/LoadStatus'
import { StatusBadge, type Tone } from '@/components/admin/shared/StatusBadge'
import { useApiCall } from '@/components/admin/shared/use-api-call'
import { getJson, type Loadable } from '@/components/admin/use-admin-data'
import type { DeliveryDto } from '@/lib/delivery/list-deliveries'

/** The API's DeliveryDto as JSON: the time is a string. */
type Delivery = Omit<DeliveryDto, 'createdAt'> & { createdAt: string }

interface DeliveryPage {
  deliveries: Delivery[]
  nextCursor: string | null
}

const PAGE_SIZE = 50

const statusText: Record<Delivery['status'], { text: string; tone: Tone }> = {
  sent: { text: 'Sent', tone: 'ok' },
  failed: { text: 'Failed', tone: 'bad' },
  demo: { text: 'Demo: not sent', tone: 'neutral' },
}

function pageUrl(cursor?: string) {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) })
  if (cursor) params.set('cursor', cursor)
  return `/api/admin/deliveries?${params}`
}

export function Outbox() {
  const [state, setState] = useState<Loadable<DeliveryPage>>({ kind: 'loading' })
  const older = useApiCall()

  const loadNewest = useCallback(async () => {
    setState((previous) => (previous.kind === 'error' ? { kind: 'loading' } : previous))
    const result = await getJson<DeliveryPage>(pageUrl())
    setState(result.ok ? { kind: 'ready', data: result.data } : { kind: 'error', message: result.message })
  }, [])

  useEffect(() => {
    void loadNewest()
  }, [loadNewest])

  async function loadOlder(cursor: string) {
    const result = await older.run(() => getJson<DeliveryPage>(pageUrl(cursor)))
    if (!result.ok) return
    setState((previous) =>
      previous.kind === 'ready'
        ? { kind: 'ready', data: { deliveries: [...previous.data.deliveries, ...result.data.deliveries], nextCursor: result.data.nextCursor } }
        : previous,
    )
  }

  if (state.kind !== 'ready') {
    return <LoadStatus state={state} loading="Loading messages…" failed="Could not load the outbox" onRetry={() => void loadNewest()} />
  }
  const { deliveries, nextCursor } = state.data

  return (
    <>
      <div className="toolbar">
        <p className="muted">
          {deliveries.length === 0
            ? 'Nothing sent yet.'
            : `${deliveries.length}${nextCursor ? '+' : ''} message${deliveries.length === 1 ? '' : 's'}, newest first.`}
        </p>
        <button type="button" className="secondary small" onClick={() => void loadNewest()}>
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
          <button type="button" className="secondary" disabled={older.busy} onClick={() => void loadOlder(nextCursor)}>
            {older.busy ? 'Loading…' : 'Show older messages'}
          </button>
        </div>
      )}
      <FailureAlert failure={older.failure} />
    </>
  )
}
