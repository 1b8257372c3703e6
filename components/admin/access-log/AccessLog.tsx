'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { requestJson } from '@/components/api-client'
import { formatDateTime } from '@/components/admin/format'
import { AdminTable } from '@/components/admin/shared/AdminTable'
import { LoadStatus } from '@/components/admin/shared/LoadStatus'
import { StatusBadge } from '@/components/admin/shared/StatusBadge'
import { getJson, signInAgainIfExpired, type Loadable } from '@/components/admin/use-admin-data'
import { scanMessages } from '@/lib/door/scan-messages'
import {
  filterParams,
  fromDateTimeLocal,
  hasFilters,
  logHref,
  matchesFilters,
  toDateTimeLocal,
  type LogView,
  type ScanResult,
} from './filters'
import { ScanChart } from './ScanChart'

interface AccessEvent {
  id: number
  at: string
  userId: string | null
  userName: string | null
  kioskId: string | null
  kioskName: string | null
  result: ScanResult
  reason: string
  message?: string | null
}

interface EventPage {
  events: AccessEvent[]
  nextCursor: string | null
}

type LiveState = 'live' | 'reconnecting' | 'paused-older' | 'paused-past'

const PAGE_SIZE = 50
const POLL_MS = 2_000
/**
 * New scans redraw the chart from the stats API at most this often: a busy door would otherwise
 * double the console's requests, and the admin endpoints share one per-IP limit.
 */
const CHART_REFRESH_MS = 10_000
/** Live refresh keeps prepending; past this many rows the oldest fall off (they are on "Older"). */
const MAX_ROWS = 500

interface Option {
  id: string
  label: string
}

export function AccessLog({ view }: { view: LogView }) {
  const [page, setPage] = useState<Loadable<EventPage>>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const [live, setLive] = useState<LiveState>('live')
  const [fresh, setFresh] = useState<Set<number>>(() => new Set())
  const [announcement, setAnnouncement] = useState('')
  const [chartVersion, setChartVersion] = useState(0)
  const newestId = useRef(0)
  const shownIds = useRef<Set<number>>(new Set())
  const chartRefreshedAt = useRef(0)
  const chartTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(chartTimer.current), [])
  const { user, kiosk, result, from, to, cursor } = view
  const query = filterParams({ user, kiosk, result, from, to }).toString()

  // The page of scans for the filters in the URL.
  useEffect(() => {
    let cancelled = false
    setPage({ kind: 'loading' })
    const params = new URLSearchParams(query)
    params.set('limit', String(PAGE_SIZE))
    if (cursor) params.set('cursor', cursor)
    void requestJson<EventPage>(`/api/admin/events?${params}`, { cache: 'no-store' }).then((loaded) => {
      if (cancelled) return
      if (!loaded.ok) {
        signInAgainIfExpired(loaded)
        setPage({ kind: 'error', message: loaded.message })
        return
      }
      newestId.current = Math.max(0, ...loaded.data.events.map((event) => event.id))
      shownIds.current = new Set(loaded.data.events.map((event) => event.id))
      setFresh(new Set())
      setPage({ kind: 'ready', data: loaded.data })
    })
    return () => {
      cancelled = true
    }
  }, [query, cursor, attempt])

  // Live refresh: ask for scans newer than the newest shown, every 2 s while the tab is visible.
  // Only on the newest page, and only while the range can still grow.
  const ready = page.kind === 'ready'
  const rangeClosed = to !== undefined && Date.parse(to) <= Date.now()
  useEffect(() => {
    if (cursor) return setLive('paused-older')
    if (rangeClosed) return setLive('paused-past')
    if (!ready) return
    setLive('live')
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const filters = { user, kiosk, result, from, to }
    const poll = async () => {
      if (document.visibilityState === 'visible') {
        const polled = await fetchNewer(query, newestId.current)
        if (stopped) return
        if (!polled.ok) {
          setLive('reconnecting')
        } else if (!polled.complete) {
          // Too many to prepend without a gap: load the newest page afresh.
          setAttempt((n) => n + 1)
          return
        } else {
          setLive('live')
          newestId.current = Math.max(newestId.current, ...polled.events.map((event) => event.id))
          // The API filters too; checking again keeps the list right whatever it returns.
          const matching = polled.events.filter((event) => matchesFilters(event, filters))
          if (matching.length > 0) addNewEvents(matching)
        }
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS)
    }
    timer = setTimeout(poll, POLL_MS)
    return () => {
      stopped = true
      clearTimeout(timer)
    }
    // The filters' values are all in `query`.
  }, [ready, query, cursor, rangeClosed])

  function addNewEvents(incoming: AccessEvent[]) {
    const added = incoming.filter((event) => !shownIds.current.has(event.id))
    if (added.length === 0) return
    for (const event of added) shownIds.current.add(event.id)
    setPage((previous) => {
      if (previous.kind !== 'ready') return previous
      const events = [...added, ...previous.data.events]
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id)
        .slice(0, MAX_ROWS)
      return { kind: 'ready', data: { ...previous.data, events } }
    })
    setFresh(new Set(added.map((event) => event.id)))
    setAnnouncement(describeNewScans(added))
    refreshChartSoon()
  }

  function refreshChartSoon() {
    if (chartTimer.current) return
    const wait = Math.max(0, chartRefreshedAt.current + CHART_REFRESH_MS - Date.now())
    chartTimer.current = setTimeout(() => {
      chartTimer.current = undefined
      chartRefreshedAt.current = Date.now()
      setChartVersion((version) => version + 1)
    }, wait)
  }

  return (
    <>
      <FilterForm view={view} />
      <ScanChart view={view} refreshKey={chartVersion} />

      <section aria-labelledby="scans-heading">
        <div className="toolbar">
          <h2 id="scans-heading">Scans</h2>
          <LiveIndicator state={live} />
          <a className="button secondary small" href={`/api/admin/events.csv${query ? `?${query}` : ''}`} download>
            Download CSV
          </a>
        </div>
        <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {announcement}
        </p>
        <LoadStatus state={page} loading="Loading scans…" failed="Could not load the access log" onRetry={() => setAttempt((n) => n + 1)} />
        {page.kind === 'ready' && page.data.events.length === 0 && (
          <p className="empty-state">
            {hasFilters(view) ? (
              <>
                No scans match these filters. <Link href="/admin">Show all scans</Link>
              </>
            ) : cursor ? (
              'No older scans.'
            ) : (
              'No scans yet — they appear here as kiosks scan passes.'
            )}
          </p>
        )}
        {page.kind === 'ready' && page.data.events.length > 0 && <EventTable events={page.data.events} fresh={fresh} />}
        {page.kind === 'ready' && (cursor || page.data.nextCursor) && (
          <nav aria-label="Access log pages" className="pager">
            {cursor && (
              <Link href={logHref({ ...view, cursor: undefined })} className="button secondary small">
                ← Newest
              </Link>
            )}
            {page.data.nextCursor && (
              <Link href={logHref({ ...view, cursor: page.data.nextCursor })} className="button secondary small">
                Older →
              </Link>
            )}
          </nav>
        )}
      </section>
    </>
  )
}

/** Every scan after `afterId` (more than a page only after a burst or a pause of the tab). */
async function fetchNewer(query: string, afterId: number): Promise<{ ok: true; events: AccessEvent[]; complete: boolean } | { ok: false }> {
  const events: AccessEvent[] = []
  let cursor: string | null = null
  do {
    const params = new URLSearchParams(query)
    params.set('after', String(afterId))
    params.set('limit', String(PAGE_SIZE))
    if (cursor) params.set('cursor', cursor)
    const polled = await getJson<EventPage>(`/api/admin/events?${params}`)
    if (!polled.ok) return { ok: false }
    events.push(...polled.data.events)
    cursor = polled.data.nextCursor
  } while (cursor && events.length < MAX_ROWS)
  return { ok: true, events, complete: cursor === null }
}

function describeNewScans(events: AccessEvent[]): string {
  if (events.length > 3) return `${events.length} new scans.`
  return events
    .map((event) => `New scan: ${event.userName ?? 'unknown pass'} ${event.result} at ${event.kioskName ?? 'an API client'}.`)
    .join(' ')
}

function LiveIndicator({ state }: { state: LiveState }) {
  const text = {
    live: 'Live',
    reconnecting: 'Reconnecting…',
    'paused-older': 'Paused: older scans',
    'paused-past': 'Not live: the range has ended',
  }[state]
  return (
    <span className={`live-indicator live-${state}`} data-testid="live-indicator">
      <span className="live-dot" aria-hidden="true" />
      {text}
    </span>
  )
}

function EventTable({ events, fresh }: { events: AccessEvent[]; fresh: Set<number> }) {
  return (
    <AdminTable columns={['Time', 'Person', 'Kiosk', 'Result', 'Reason']} labelledBy="scans-heading">
      {events.map((event) => (
        <tr key={event.id} className={fresh.has(event.id) ? 'is-new' : undefined}>
          <td className="nowrap">
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>
          </td>
          <td>{event.userName ?? <span className="muted">{event.userId ? 'Deleted user' : 'Unknown pass'}</span>}</td>
          <td>{event.kioskName ?? <span className="muted">{event.kioskId ? 'Deleted kiosk' : 'API client'}</span>}</td>
          <td>
            <StatusBadge tone={event.result === 'granted' ? 'ok' : 'bad'}>{event.result === 'granted' ? 'Granted' : 'Denied'}</StatusBadge>
          </td>
          <td>{event.message ?? scanMessages[event.reason as keyof typeof scanMessages] ?? event.reason}</td>
        </tr>
      ))}
    </AdminTable>
  )
}

function FilterForm({ view }: { view: LogView }) {
  const router = useRouter()
  const [people, setPeople] = useState<Option[]>([])
  const [kiosks, setKiosks] = useState<Option[]>([])
  // The times are shown in the viewer's zone, which the server does not know: they are filled in
  // after hydration (by the effect below), not rendered on the server.
  const [fields, setFields] = useState(() => ({ ...fieldsOf(view), from: '', to: '' }))
  const [rangeError, setRangeError] = useState<string | null>(null)

  // Back/forward and links change the URL: the inputs follow it.
  const viewKey = logHref(view)
  useEffect(() => setFields(fieldsOf(view)), [viewKey]) // `view` is new on every render; its URL is not

  useEffect(() => {
    void requestJson<{ users: { id: string; name: string; email: string | null; phone: string | null }[] }>('/api/admin/users').then((loaded) => {
      if (loaded.ok) {
        setPeople(
          loaded.data.users
            .map((u) => ({ id: u.id, label: u.name ? `${u.name}${u.email || u.phone ? ` (${u.email ?? u.phone})` : ''}` : (u.email ?? u.phone ?? u.id) }))
            .sort((a, b) => a.label.localeCompare(b.label)),
        )
      }
    })
    void requestJson<{ kiosks: { id: string; name: string; revokedAt: string | null }[] }>('/api/admin/kiosks').then((loaded) => {
      if (loaded.ok) {
        setKiosks(loaded.data.kiosks.map((k) => ({ id: k.id, label: k.revokedAt ? `${k.name} (revoked)` : k.name })))
      }
    })
  }, [])

  function submit(event: FormEvent) {
    event.preventDefault()
    const from = fromDateTimeLocal(fields.from)
    const to = fromDateTimeLocal(fields.to)
    if (from && to && Date.parse(from) >= Date.parse(to)) {
      setRangeError('“To” must be later than “From”.')
      return
    }
    setRangeError(null)
    router.push(
      logHref({
        user: fields.user || undefined,
        kiosk: fields.kiosk || undefined,
        result: (fields.result || undefined) as ScanResult | undefined,
        from,
        to,
        bucket: view.bucket,
      }),
    )
  }

  return (
    <form className="admin-panel filters" onSubmit={submit} aria-label="Filter scans">
      <div className="filter-grid">
        <OptionSelect id="filter-user" label="Person" any="Everyone" options={people} value={fields.user} onChange={(user) => setFields({ ...fields, user })} />
        <OptionSelect id="filter-kiosk" label="Kiosk" any="All kiosks" options={kiosks} value={fields.kiosk} onChange={(kiosk) => setFields({ ...fields, kiosk })} />
        <div className="field">
          <label htmlFor="filter-result">Result</label>
          <select id="filter-result" value={fields.result} onChange={(e) => setFields({ ...fields, result: e.target.value })}>
            <option value="">Granted and denied</option>
            <option value="granted">Granted</option>
            <option value="denied">Denied</option>
          </select>
        </div>
      </div>
      <div className="filter-grid">
        <TimeInput id="filter-from" label="From" value={fields.from} onChange={(from) => setFields({ ...fields, from })} rangeError={rangeError} />
        <TimeInput id="filter-to" label="To" value={fields.to} onChange={(to) => setFields({ ...fields, to })} rangeError={rangeError} marksError />
        <div className="filter-actions">
          <button type="submit">Apply filters</button>
          {hasFilters(view) && (
            <Link href={view.bucket ? `/admin?bucket=${view.bucket}` : '/admin'} className="button secondary">
              Clear
            </Link>
          )}
        </div>
      </div>
      {rangeError && (
        <p id="filter-range-error" className="error" role="alert">
          {rangeError}
        </p>
      )}
    </form>
  )
}

/** A filter on one of a list (people, kiosks), or on none: `any`. */
function OptionSelect(props: { id: string; label: string; any: string; options: Option[]; value: string; onChange: (value: string) => void }) {
  // A filter set from a shared link may name someone the list does not have (yet): keep it selectable.
  const options =
    props.value && !props.options.some((option) => option.id === props.value)
      ? [...props.options, { id: props.value, label: props.value }]
      : props.options
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.any}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** From or To: a wrong range is said once, under the form; both inputs point to it, To is the one marked invalid. */
function TimeInput(props: { id: string; label: string; value: string; onChange: (value: string) => void; rangeError: string | null; marksError?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="datetime-local"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.rangeError && props.marksError ? true : undefined}
        aria-describedby={props.rangeError ? 'filter-range-error' : undefined}
      />
    </div>
  )
}

function fieldsOf(view: LogView) {
  return {
    user: view.user ?? '',
    kiosk: view.kiosk ?? '',
    result: view.result ?? '',
    from: toDateTimeLocal(view.from),
    to: toDateTimeLocal(view.to),
  }
}
