'use client'

// Grants and denials per hour or per day as stacked bars, drawn as inline SVG (no chart library
// for one chart). The numbers are also in a table for screen readers and for copying.
import Link from 'next/link'
import { useEffect, useId, useRef, useState } from 'react'
import useSWR from 'swr'
import type { z } from 'zod'
import type { ApiRequestError } from '@/components/api-client'
import { formatDateTime } from '@/components/admin/format'
import { LoadStatus } from '@/components/admin/shared/LoadStatus'
import { adminFetcher, adminSWRConfig, loadable } from '@/components/admin/use-admin-data'
import type { accessStatsResponseSchema } from '@/lib/admin/api-schemas'
import { niceScale } from './chart-scale'
import { chartRange, filterParams, logHref, type ChartBucket, type LogView } from './filters'

type Stats = z.infer<typeof accessStatsResponseSchema>
type StatsBucket = Stats['buckets'][number]

/** The chart's SWR key: its filters, and the redraw it is for (each redraw after new scans is a new entry). */
type ChartRequest = Pick<LogView, 'user' | 'kiosk' | 'from' | 'to' | 'bucket'> & { redraw: number }

interface Chart {
  stats: Stats
  from: Date
  to: Date
}

const HEIGHT = 230
const MARGIN = { top: 12, right: 12, bottom: 40, left: 44 }

async function fetchChart({ user, kiosk, from, to, bucket }: ChartRequest): Promise<Chart> {
  // "Now" is when the chart is fetched, so a redraw after new scans moves an open range up to them.
  const range = chartRange({ from, to, bucket }, new Date())
  const params = filterParams({ user, kiosk })
  params.set('from', range.from.toISOString())
  params.set('to', range.to.toISOString())
  params.set('bucket', range.bucket)
  const stats = await adminFetcher<Stats>(`/api/admin/events/stats?${params}`)
  return { stats, from: range.from, to: range.to }
}

export function ScanChart({ view, refreshKey }: { view: LogView; refreshKey: number }) {
  const { user, kiosk, from, to, bucket } = view
  const { data, error, mutate } = useSWR<Chart, ApiRequestError, ChartRequest>(
    { user, kiosk, from, to, bucket, redraw: refreshKey },
    fetchChart,
    {
      ...adminSWRConfig,
      // While new filters or a redraw load, and when that fails, the last chart stays: only a first
      // load shows loading or the error.
      keepPreviousData: true,
    },
  )
  const state = loadable(data, error)

  const shownBucket = state.kind === 'ready' ? state.data.stats.bucket : chartRange(view, new Date()).bucket
  return (
    <section className="admin-panel chart-panel" aria-labelledby="chart-heading">
      <div className="chart-header">
        <h2 id="chart-heading">Grants and denials per {shownBucket}</h2>
        <nav aria-label="Chart bars" className="segmented">
          {(['hour', 'day'] as const).map((choice) => (
            <Link
              key={choice}
              href={logHref({ ...view, bucket: choice })}
              scroll={false}
              aria-current={shownBucket === choice ? 'true' : undefined}
            >
              Per {choice}
            </Link>
          ))}
        </nav>
      </div>
      <LoadStatus
        state={state}
        loading="Loading the chart…"
        failed="Could not load the chart"
        onRetry={() => void mutate()}
        retryClassName="secondary small"
      />
      {state.kind === 'ready' && <StackedBars {...state.data} />}
    </section>
  )
}

function StackedBars({ stats, from, to }: Chart) {
  const box = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(720)
  const id = useId().replace(/[^a-zA-Z0-9]/g, '')

  // The SVG is drawn at the width it is shown at, so its text stays at the page's size.
  useEffect(() => {
    const element = box.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(280, Math.floor(entry.contentRect.width)))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const buckets = stats.buckets
  const totals = buckets.map((b) => b.granted + b.denied)
  const granted = buckets.reduce((sum, b) => sum + b.granted, 0)
  const denied = buckets.reduce((sum, b) => sum + b.denied, 0)
  const scale = niceScale(Math.max(0, ...totals))
  const plotWidth = width - MARGIN.left - MARGIN.right
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const slot = plotWidth / Math.max(1, buckets.length)
  const barWidth = Math.max(1, Math.min(48, slot * 0.72))
  const y = (value: number) => MARGIN.top + plotHeight - (value / scale.max) * plotHeight
  const labelEvery = Math.max(1, Math.ceil(buckets.length / Math.max(2, Math.floor(plotWidth / 64))))
  const labels = bucketLabels(buckets, stats.bucket)
  const drawnLabels = axisLabels(buckets, labels, labelEvery)
  const busiest = buckets.reduce<StatsBucket | null>(
    (best, b) => (!best || b.granted + b.denied > best.granted + best.denied ? b : best),
    null,
  )
  const unit = stats.bucket === 'hour' ? 'hour' : 'day'

  const summary =
    granted + denied === 0
      ? `No scans between ${formatDateTime(from.toISOString())} and ${formatDateTime(to.toISOString())}.`
      : `${granted} granted and ${denied} denied between ${formatDateTime(from.toISOString())} and ${formatDateTime(to.toISOString())}.` +
        (busiest ? ` Busiest ${unit}: ${labels.get(busiest.start)?.full} with ${busiest.granted + busiest.denied} scans.` : '')

  return (
    <figure className="chart">
      <ul className="chart-legend" aria-label="Legend">
        <li>
          <span className="swatch swatch-granted" aria-hidden="true" /> Granted
        </li>
        <li>
          <span className="swatch swatch-denied" aria-hidden="true" /> Denied
        </li>
      </ul>
      <div ref={box} className="chart-box">
        <svg
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="img"
          aria-labelledby={`${id}-summary`}
          className="chart-svg"
        >
          <defs>
            <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
              <rect width="6" height="6" className="bar-denied" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="rgba(255,255,255,0.45)" strokeWidth="3" />
            </pattern>
          </defs>
          {scale.ticks.map((tick) => (
            <g key={tick}>
              <line
                x1={MARGIN.left}
                x2={width - MARGIN.right}
                y1={y(tick)}
                y2={y(tick)}
                className={tick === 0 ? 'axis-line' : 'grid-line'}
              />
              <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" className="axis-label">
                {tick}
              </text>
            </g>
          ))}
          <text transform={`translate(12 ${MARGIN.top + plotHeight / 2}) rotate(-90)`} textAnchor="middle" className="axis-title">
            Scans
          </text>
          {buckets.map((bucket, index) => {
            const x = MARGIN.left + index * slot + (slot - barWidth) / 2
            const label = labels.get(bucket.start)
            const axis = drawnLabels.get(index)
            return (
              <g key={bucket.start}>
                <title>{`${label?.full}: ${bucket.granted} granted, ${bucket.denied} denied`}</title>
                {bucket.granted > 0 && (
                  <rect x={x} width={barWidth} y={y(bucket.granted)} height={y(0) - y(bucket.granted)} className="bar-granted" />
                )}
                {bucket.denied > 0 && (
                  <rect
                    x={x}
                    width={barWidth}
                    y={y(bucket.granted + bucket.denied)}
                    height={y(bucket.granted) - y(bucket.granted + bucket.denied)}
                    fill={`url(#${id}-hatch)`}
                  />
                )}
                {axis && (
                  <text x={x + barWidth / 2} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" className="axis-label">
                    {axis.short}
                    {axis.day && (
                      <tspan x={x + barWidth / 2} dy="1.2em" className="axis-sublabel">
                        {axis.day}
                      </tspan>
                    )}
                  </text>
                )}
              </g>
            )
          })}
          {granted + denied === 0 && (
            <text x={MARGIN.left + plotWidth / 2} y={MARGIN.top + plotHeight / 2} textAnchor="middle" className="chart-empty">
              No scans in this range
            </text>
          )}
        </svg>
      </div>
      <figcaption id={`${id}-summary`} className="chart-summary">
        {summary}
      </figcaption>
      {granted + denied > 0 && (
        <details className="chart-table">
          <summary>Show the numbers as a table</summary>
          <table className="admin-table compact">
            <caption className="visually-hidden">
              Scans per {unit}; {unit}s without scans are left out
            </caption>
            <thead>
              <tr>
                <th scope="col">{unit === 'hour' ? 'Hour' : 'Day'}</th>
                <th scope="col">Granted</th>
                <th scope="col">Denied</th>
              </tr>
            </thead>
            <tbody>
              {buckets
                .filter((b) => b.granted + b.denied > 0)
                .map((b) => (
                  <tr key={b.start}>
                    <th scope="row">{labels.get(b.start)?.full}</th>
                    <td>{b.granted}</td>
                    <td>{b.denied}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  )
}

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' })
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' })
const utcDayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' })
const fullDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const utcFullDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })

/** Axis and table labels; hour bars also carry their day, for the axis to name where it changes. */
function bucketLabels(buckets: StatsBucket[], bucket: ChartBucket) {
  const labels = new Map<string, { short: string; day?: string; full: string }>()
  for (const b of buckets) {
    const start = new Date(b.start)
    if (bucket === 'day') {
      // Days counted in UTC (their start is a UTC midnight) are named by their UTC date, so that a
      // viewer west of Greenwich does not see each day labelled as the one before.
      const utc = start.getUTCHours() === 0 && start.getUTCMinutes() === 0
      labels.set(b.start, {
        short: (utc ? utcDayFormat : dayFormat).format(start),
        full: (utc ? utcFullDayFormat : fullDayFormat).format(start),
      })
    } else {
      labels.set(b.start, {
        short: hourFormat.format(start),
        day: dayFormat.format(start),
        full: `${fullDayFormat.format(start)} ${hourFormat.format(start)}`,
      })
    }
  }
  return labels
}

/** The labels drawn under the axis: every `every`-th bar, with the day where it changes. */
function axisLabels(buckets: StatsBucket[], labels: ReturnType<typeof bucketLabels>, every: number) {
  const drawn = new Map<number, { short: string; day?: string }>()
  let lastDay: string | undefined
  buckets.forEach((b, index) => {
    const label = labels.get(b.start)
    if (index % every !== 0 || !label) return
    drawn.set(index, { short: label.short, day: label.day !== lastDay ? label.day : undefined })
    lastDay = label.day
  })
  return drawn
}
