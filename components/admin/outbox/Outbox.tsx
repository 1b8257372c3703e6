'use client'

import { useCallback, useEffect, useState } from 'react'
import { requestJson } from '@/components/api-client'
import { formatDateTime } from '@/components/admin/format'
import { signInAgainIfExpired } from '@/components/admin/use-admin-data'

interface Delivery {
  id: string
  channel: 'email' | 'sms'
  recipient: string
  subject: string | null
  status: 'sent' | 'failed' | 'demo'
  providerId: string | null
  error: string | null
  body?: string | null
  createdAt: string
}

interface DeliveryPage {
  deliveries: Delivery[]
  nextCursor: string | null
}

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; deliveries: Delivery[]; nextCursor: string | null }

const PAGE_SIZE = 50

const statusText: Record<Delivery['status'], { text: string; tone: string }> = {
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
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [loadingOlder, setLoadingOlder] = useState(false)
  const [olderError, setOlderError] = useState<string | null>(null)

  const loadNewest = useCallback(async () => {
    setState((previous) => (previous.kind === 'error' ? { kind: 'loading' } : previous))
    const result = await requestJson<DeliveryPage>(pageUrl(), { cache: 'no-store' })
    if (result.ok) setState({ kind: 'ready', ...result.data })
    else {
      signInAgainIfExpired(result)
      setState({ kind: 'error', message: result.message })
    }
  }, [])

  useEffect(() => {
    void loadNewest()
  }, [loadNewest])

  async function loadOlder(cursor: string) {
    setLoadingOlder(true)
    setOlderError(null)
    const result = await requestJson<DeliveryPage>(pageUrl(cursor), { cache: 'no-store' })
    setLoadingOlder(false)
    if (!result.ok) {
      signInAgainIfExpired(result)
      setOlderError(result.message)
      return
    }
    setState((previous) =>
      previous.kind === 'ready'
        ? { kind: 'ready', deliveries: [...previous.deliveries, ...result.data.deliveries], nextCursor: result.data.nextCursor }
        : previous,
    )
  }

  if (state.kind === 'loading') return <p role="status">Loading messages…</p>
  if (state.kind === 'error') {
    return (
      <div role="alert">
        <p className="error">Could not load the outbox: {state.message}</p>
        <button type="button" onClick={() => void loadNewest()}>
          Try again
        </button>
      </div>
    )
  }

  return (
    <>
      <div className="toolbar">
        <p className="muted">
          {state.deliveries.length === 0
            ? 'Nothing sent yet.'
            : `${state.deliveries.length}${state.nextCursor ? '+' : ''} message${state.deliveries.length === 1 ? '' : 's'}, newest first.`}
        </p>
        <button type="button" className="secondary small" onClick={() => void loadNewest()}>
          Refresh
        </button>
      </div>
      {state.deliveries.length === 0 ? (
        <p className="empty-state">No e-mail or SMS yet. Login codes and codes sent through the APIs appear here.</p>
      ) : (
        <ol className="outbox-list">
          {state.deliveries.map((delivery) => {
            const status = statusText[delivery.status] ?? { text: delivery.status, tone: 'neutral' }
            const channel = delivery.channel === 'sms' ? 'SMS' : 'E-mail'
            return (
              <li key={delivery.id} className="outbox-item" aria-label={`${channel} to ${delivery.recipient}`}>
                <div className="outbox-head">
                  <span className="outbox-channel">{channel}</span>
                  <span className="outbox-recipient">to {delivery.recipient}</span>
                  <span className={`badge badge-${status.tone}`}>{status.text}</span>
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
      {state.nextCursor && (
        <div className="actions">
          <button type="button" className="secondary" disabled={loadingOlder} onClick={() => void loadOlder(state.nextCursor!)}>
            {loadingOlder ? 'Loading…' : 'Show older messages'}
          </button>
        </div>
      )}
      {olderError && (
        <p className="error" role="alert">
          {olderError}
        </p>
      )}
    </>
  )
}
