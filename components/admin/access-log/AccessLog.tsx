'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import useSWR from 'swr'
import type { z } from 'zod'
import type { ApiRequestError, ApiResult } from '@/components/api-client'
import { formatDateTime } from '@/components/admin/format'
import { AdminTable } from '@/components/admin/shared/AdminTable'
import { LoadStatus } from '@/components/admin/shared/LoadStatus'
import { StatusBadge } from '@/components/admin/shared/StatusBadge'
import { useDoors } from '@/components/admin/access/access-data'
import { adminFetcher, adminSWRConfig, getJson, loadable, useAdminData } from '@/components/admin/use-admin-data'
import type { accessEventListResponseSchema } from '@/lib/admin/api-schemas'
import type { kioskListResponseSchema, userListResponseSchema } from '@/lib/door/api-schemas'
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

type EventPage = z.infer<typeof accessEventListResponseSchema>
type AccessEvent = EventPage['events'][number]

/**
 * What one live refresh brought: every scan after the newest shown, or a failure. A failure is data,
 * not a thrown error: SWR does not poll a key that holds an error, and the log must keep trying
 * (saying "Reconnecting…" meanwhile).
 */
type LivePoll = { ok: true; events: AccessEvent[]; complete: boolean } | { ok: false }

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
const noEvents: ReadonlySet<number> = new Set()

interface Option {
  id: string
  label: string
}

/** The API URL of a page of scans for these filters: the newest, the one after `cursor`, or (live refresh) those after the scan `after`. */
function eventsUrl(query: string, options: { cursor?: string; after?: number }) {
  const params = new URLSearchParams(query)
  if (options.after !== undefined) params.set('after', String(options.after))
  params.set('limit', String(PAGE_SIZE))
  if (options.cursor) params.set('cursor', options.cursor)
  return `/api/admin/events?${params}`
}

export function AccessLog({ view }: { view: LogView }) {
  const { user, kiosk, door, result, from, to, cursor } = view
  const query = filterParams({ user, kiosk, door, result, from, to }).toString()
  const pageUrl = eventsUrl(query, { cursor })
  // The page of scans for the filters in the URL. Live refresh prepends new scans to this cache
  // entry, so coming back to the newest page shows them at once.
  const page = useSWR<EventPage, ApiRequestError>(pageUrl, (url: string) => adminFetcher<EventPage>(url), adminSWRConfig)
  // Rows that came in with the last live refresh, highlighted; for this page only.
  const [fresh, setFresh] = useState<{ pageUrl: string; ids: ReadonlySet<number> }>({ pageUrl, ids: noEvents })
  const [announcement, setAnnouncement] = useState('')
  /** The filters whose last live refresh failed. */
  const [failedPoll, setFailedPoll] = useState<string | null>(null)
  const [chartVersion, setChartVersion] = useState(0)
  const [openedAt] = useState(Date.now)
  /** The newest scan live refresh has seen for these filters, shown or not. */
  const newestPolled = useRef({ query, id: 0 })
  const chartRefreshedAt = useRef(0)
  const chartTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(chartTimer.current), [])

  const events = page.data?.events
  const newestShown = Math.max(0, ...(events ?? []).map((event) => event.id))

  // Live refresh: ask for scans newer than the newest shown, every 2 s while the tab is visible.
  // Only on the newest page, and only while the range can still grow.
  // Judged against when the page opened (render must stay pure): a range that closes while the
  // page is open only costs an empty poll.
  const rangeClosed = to !== undefined && Date.parse(to) <= openedAt
  const polling = events !== undefined && !cursor && !rangeClosed
  useSWR<LivePoll>(
    polling ? ['access-log-live', query] : null,
    () => fetchNewer(query, Math.max(newestShown, newestPolled.current.query === query ? newestPolled.current.id : 0)),
    {
      ...adminSWRConfig,
      refreshInterval: POLL_MS,
      // The page was loaded a moment ago: the first poll waits one interval.
      revalidateOnMount: false,
      // Offline, the poll fails and the indicator says so, instead of staying "Live".
      refreshWhenOffline: true,
      onSuccess: receive,
    },
  )

  function receive(polled: LivePoll) {
    if (!polled.ok) return setFailedPoll(query)
    setFailedPoll(null)
    if (!polled.complete) {
      // Too many to prepend without a gap: load the newest page afresh.
      setFresh({ pageUrl, ids: noEvents })
      void page.mutate()
      return
    }
    newestPolled.current = {
      query,
      id: Math.max(newestPolled.current.query === query ? newestPolled.current.id : 0, ...polled.events.map((event) => event.id)),
    }
    const shown = new Set(events?.map((event) => event.id))
    // The API filters too; checking again keeps the list right whatever it returns.
    const added = polled.events.filter((event) => !shown.has(event.id) && matchesFilters(event, { user, kiosk, door, result, from, to }))
    if (added.length === 0) return
    void page.mutate((current) => current && { ...current, events: newestFirst(added, current.events) }, { revalidate: false })
    setFresh({ pageUrl, ids: new Set(added.map((event) => event.id)) })
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

  const live: LiveState = cursor ? 'paused-older' : rangeClosed ? 'paused-past' : failedPoll === query ? 'reconnecting' : 'live'
  const state = loadable(page.data, page.error)
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
        <LoadStatus state={state} loading="Loading scans…" failed="Could not load the access log" onRetry={() => void page.mutate()} />
        {state.kind === 'ready' && state.data.events.length === 0 && (
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
        {state.kind === 'ready' && state.data.events.length > 0 && (
          <EventTable events={state.data.events} fresh={fresh.pageUrl === pageUrl ? fresh.ids : noEvents} />
        )}
        {state.kind === 'ready' && (cursor || state.data.nextCursor) && (
          <nav aria-label="Access log pages" className="pager">
            {cursor && (
              <Link href={logHref({ ...view, cursor: undefined })} className="button secondary small">
                ← Newest
              </Link>
            )}
            {state.data.nextCursor && (
              <Link href={logHref({ ...view, cursor: state.data.nextCursor })} className="button secondary small">
                Older →
              </Link>
            )}
          </nav>
        )}
      </section>
    </>
  )
}

/** New scans on top of those shown, newest first, at most MAX_ROWS. */
function newestFirst(added: AccessEvent[], shown: AccessEvent[]): AccessEvent[] {
  const ids = new Set(shown.map((event) => event.id))
  return [...added.filter((event) => !ids.has(event.id)), ...shown]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id)
    .slice(0, MAX_ROWS)
}

/** Every scan after `afterId` (more than a page only after a burst or a pause of the tab). */
async function fetchNewer(query: string, afterId: number): Promise<LivePoll> {
  const events: AccessEvent[] = []
  let cursor: string | null = null
  do {
    const polled: ApiResult<EventPage> = await getJson<EventPage>(eventsUrl(query, { after: afterId, cursor: cursor ?? undefined }))
    if (!polled.ok) return { ok: false }
    events.push(...polled.data.events)
    cursor = polled.data.nextCursor
  } while (cursor && events.length < MAX_ROWS)
  return { ok: true, events, complete: cursor === null }
}

function describeNewScans(events: AccessEvent[]): string {
  if (events.length > 3) return `${events.length} new scans.`
  return events
    .map(
      (event) =>
        `New scan: ${event.userName ?? 'unknown pass'} ${event.result} at ${event.doorName ?? event.kioskName ?? 'an API client'}.`,
    )
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

function EventTable({ events, fresh }: { events: AccessEvent[]; fresh: ReadonlySet<number> }) {
  return (
    <AdminTable columns={['Time', 'Person', 'Door', 'Kiosk', 'Result', 'Reason']} labelledBy="scans-heading">
      {events.map((event) => (
        <tr key={event.id} className={fresh.has(event.id) ? 'is-new' : undefined}>
          <td className="nowrap">
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>
          </td>
          <td>{event.userName ?? <span className="muted">{event.userId ? 'Deleted user' : 'Unknown pass'}</span>}</td>
          <td>{event.doorName ?? <span className="muted">{event.doorId ? 'Deleted door' : 'None'}</span>}</td>
          <td>{event.kioskName ?? <span className="muted">{event.kioskId ? 'Deleted kiosk' : 'API client'}</span>}</td>
          <td>
            <StatusBadge tone={event.result === 'granted' ? 'ok' : 'bad'}>{event.result === 'granted' ? 'Granted' : 'Denied'}</StatusBadge>
          </td>
          <td>{event.message}</td>
        </tr>
      ))}
    </AdminTable>
  )
}

function FilterForm({ view }: { view: LogView }) {
  const router = useRouter()
  // The same SWR entries as the Users and Kiosks pages. A list that fails to load leaves its select
  // with "Everyone" / "All kiosks" and the ids from the URL: filtering still works.
  const userList = useAdminData<z.infer<typeof userListResponseSchema>>('/api/admin/users').data
  const kioskList = useAdminData<z.infer<typeof kioskListResponseSchema>>('/api/admin/kiosks').data
  const people: Option[] = (userList?.users ?? [])
    .map((u) => ({
      id: u.id,
      label: u.name ? `${u.name}${u.email || u.phone ? ` (${u.email ?? u.phone})` : ''}` : (u.email ?? u.phone ?? u.id),
    }))
    .sort((a, b) => a.label.localeCompare(b.label))
  const kiosks: Option[] = (kioskList?.kiosks ?? []).map((k) => ({ id: k.id, label: k.revokedAt ? `${k.name} (revoked)` : k.name }))
  const doors: Option[] = (useDoors().list ?? []).map((d) => ({ id: d.id, label: d.name }))
  // The times are shown in the viewer's zone, which the server does not know: they are filled in
  // after hydration (by the effect below), not rendered on the server.
  const [fields, setFields] = useState(() => ({ ...fieldsOf(view), from: '', to: '' }))
  const [rangeError, setRangeError] = useState<string | null>(null)

  // Back/forward and links change the URL: the inputs follow it.
  const viewKey = logHref(view)
  useEffect(() => setFields(fieldsOf(view)), [viewKey]) // `view` is new on every render; its URL is not

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
        door: fields.door || undefined,
        result: (fields.result || undefined) as ScanResult | undefined,
        from,
        to,
        bucket: view.bucket,
      }),
    )
  }

  return (
    <form className="admin-panel filters" onSubmit={submit} aria-label="Filter scans">
      <div className="filter-grid filter-grid-4">
        <OptionSelect
          id="filter-user"
          label="Person"
          any="Everyone"
          options={people}
          value={fields.user}
          onChange={(user) => setFields({ ...fields, user })}
        />
        <OptionSelect
          id="filter-door"
          label="Door"
          any="All doors"
          options={doors}
          value={fields.door}
          onChange={(door) => setFields({ ...fields, door })}
        />
        <OptionSelect
          id="filter-kiosk"
          label="Kiosk"
          any="All kiosks"
          options={kiosks}
          value={fields.kiosk}
          onChange={(kiosk) => setFields({ ...fields, kiosk })}
        />
        <div className="field">
          <label htmlFor="filter-result">Result</label>
          <select id="filter-result" value={fields.result} onChange={(e) => setFields({ ...fields, result: e.target.value })}>
            <option value="">Granted and denied</option>
            <option value="granted">Granted</option>
            <option value="denied">Denied</option>
          </select>
        </div>
      </div>
      <div className="filter-grid filter-grid-4">
        <TimeInput
          id="filter-from"
          label="From"
          value={fields.from}
          onChange={(from) => setFields({ ...fields, from })}
          rangeError={rangeError}
        />
        <TimeInput
          id="filter-to"
          label="To"
          value={fields.to}
          onChange={(to) => setFields({ ...fields, to })}
          rangeError={rangeError}
          marksError
        />
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
function OptionSelect(props: {
  id: string
  label: string
  any: string
  options: Option[]
  value: string
  onChange: (value: string) => void
}) {
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
function TimeInput(props: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  rangeError: string | null
  marksError?: boolean
}) {
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
    door: view.door ?? '',
    result: view.result ?? '',
    from: toDateTimeLocal(view.from),
    to: toDateTimeLocal(view.to),
  }
}
