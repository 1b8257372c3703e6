'use client'

// What waits to be sent (GET /api/admin/outbox): door events not yet published or fanned out,
// webhook deliveries queued or given up, and this instance's MQTT connection.
import type { z } from 'zod'
import { formatDateTime, formatRelative } from '@/components/admin/format'
import { LoadStatus } from '@/components/admin/shared/LoadStatus'
import { StatusBadge, type Tone } from '@/components/admin/shared/StatusBadge'
import { useAdminData } from '@/components/admin/use-admin-data'
import type { outboxBacklogResponseSchema } from '@/lib/events/api-schemas'

type BacklogData = z.infer<typeof outboxBacklogResponseSchema>

const BACKLOG_POLL_MS = 15_000

export function useBacklog() {
  return useAdminData<BacklogData>('/api/admin/outbox', { refreshInterval: BACKLOG_POLL_MS })
}

function mqttStatus(mqtt: BacklogData['mqtt']): { text: string; tone: Tone; detail: string } {
  if (!mqtt.configured) return { text: 'Not configured', tone: 'neutral', detail: 'Set MQTT_URL to publish unlocks to door relays.' }
  if (mqtt.connected) return { text: 'Connected', tone: 'ok', detail: 'Unlocks and door events are published as they happen.' }
  return { text: 'Not connected', tone: 'bad', detail: 'Door events wait here and are published once the broker is back.' }
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

export function Backlog({ backlog }: { backlog: ReturnType<typeof useBacklog> }) {
  const { state } = backlog
  return (
    <section className="admin-panel" aria-labelledby="backlog-heading">
      <h2 id="backlog-heading">Backlog</h2>
      <LoadStatus state={state} loading="Loading the backlog…" failed="Could not load the backlog" onRetry={() => void backlog.mutate()} />
      {state.kind === 'ready' && <BacklogFacts data={state.data} />}
    </section>
  )
}

function BacklogFacts({ data }: { data: BacklogData }) {
  const mqtt = mqttStatus(data.mqtt)
  return (
    <dl className="facts">
      <div>
        <dt>MQTT broker</dt>
        <dd>
          <StatusBadge tone={mqtt.tone}>{mqtt.text}</StatusBadge>
          <span className="cell-detail">{mqtt.detail}</span>
        </dd>
      </div>
      <div>
        <dt>Door events waiting</dt>
        <dd>
          {data.messages === 0 ? (
            'None'
          ) : (
            <>
              <strong>{plural(data.messages, 'message', 'messages')}</strong>
              {data.oldestMessageAt && (
                <span className="cell-detail">
                  the oldest from{' '}
                  <time dateTime={data.oldestMessageAt} title={formatDateTime(data.oldestMessageAt)}>
                    {formatRelative(data.oldestMessageAt)}
                  </time>
                </span>
              )}
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Last error</dt>
        <dd>{data.lastError ? <span className="error-text">{data.lastError}</span> : 'None'}</dd>
      </div>
      <div>
        <dt>Webhook deliveries</dt>
        <dd>
          {data.queuedDeliveries} queued
          {data.failedDeliveries > 0 ? (
            <span className="cell-detail error-text">{data.failedDeliveries} failed for good</span>
          ) : (
            <span className="cell-detail">none failed</span>
          )}
        </dd>
      </div>
    </dl>
  )
}
