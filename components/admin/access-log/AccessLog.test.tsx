import { act, render, screen, within } from '@testing-library/react'
import type { ReactNode } from 'react'
import { SWRConfig } from 'swr'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AccessLog } from './AccessLog'
import type { LogView } from './filters'

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn() }) }))
vi.mock('next/link', () => ({ default: ({ href, children }: { href: string; children: ReactNode }) => <a href={href}>{children}</a> }))

const scan = (id: number, userName: string, result: 'granted' | 'denied' = 'granted') => ({
  id,
  at: new Date(Date.UTC(2026, 0, 1, 12, 0, id)).toISOString(),
  userId: `user-${userName}`,
  userName,
  kioskId: 'kiosk-1',
  kioskName: 'Front door',
  result,
  reason: result === 'granted' ? 'granted' : 'replay',
  message: result === 'granted' ? 'Access granted' : 'Code already used',
  input: null,
})

/** The access log on the server, newest first; tests add scans as kiosks would. */
let scans: ReturnType<typeof scan>[]
/** Whether the next request for events fails, as when the network drops. */
let failNext: boolean
const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>()
const eventRequests = () => fetchMock.mock.calls.map(([url]) => url).filter((url) => url.startsWith('/api/admin/events?'))

beforeEach(() => {
  scans = [scan(1, 'Ada')]
  failNext = false
  fetchMock.mockImplementation(async (url) => {
    const { pathname, searchParams } = new URL(url, 'http://localhost')
    if (pathname === '/api/admin/users') return Response.json({ users: [] })
    if (pathname === '/api/admin/kiosks') return Response.json({ kiosks: [] })
    if (pathname === '/api/admin/events/stats') return Response.json({ bucket: 'hour', buckets: [] })
    if (pathname === '/api/admin/events') {
      if (failNext) {
        failNext = false
        throw new TypeError('fetch failed')
      }
      const after = Number(searchParams.get('after') ?? 0)
      return Response.json({ events: scans.filter((event) => event.id > after).slice(0, 50), nextCursor: null })
    }
    return Response.json({ error: { code: 'not_found', message: 'No such route' } }, { status: 404 })
  })
  vi.stubGlobal('fetch', fetchMock)
  // SWR's polling timers, moved on by the tests; time also runs by itself for Testing Library's waits.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true })
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  fetchMock.mockReset()
})

function renderLog(view: LogView = {}) {
  return render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <AccessLog view={view} />
    </SWRConfig>,
  )
}

const nextPoll = () => act(() => vi.advanceTimersByTimeAsync(2_000))
const scanRows = () =>
  within(screen.getByRole('table', { name: 'Scans' }))
    .getAllByRole('row')
    .slice(1)

describe('AccessLog live refresh', () => {
  it('puts new scans on top every 2 s, marks and announces them', async () => {
    renderLog()
    await screen.findByRole('table', { name: 'Scans' })
    expect(screen.getByTestId('live-indicator').textContent).toBe('Live')

    scans = [scan(2, 'Grace', 'denied'), ...scans]
    await nextPoll()
    const rows = scanRows()
    expect(rows.map((row) => row.textContent)).toEqual([expect.stringContaining('Grace'), expect.stringContaining('Ada')])
    expect(rows[0]!.className).toBe('is-new')
    expect(screen.getByText('New scan: Grace denied at Front door.')).toBeTruthy()
    expect(eventRequests()).toEqual(['/api/admin/events?limit=50', '/api/admin/events?after=1&limit=50'])

    await nextPoll()
    expect(eventRequests().at(-1)).toBe('/api/admin/events?after=2&limit=50')
    expect(scanRows()).toHaveLength(2)
  })

  it('says "Reconnecting…" while polls fail, and "Live" again after one succeeds', async () => {
    renderLog()
    await screen.findByRole('table', { name: 'Scans' })
    failNext = true
    await nextPoll()
    expect(screen.getByTestId('live-indicator').textContent).toBe('Reconnecting…')

    scans = [scan(2, 'Grace'), ...scans]
    await nextPoll()
    expect(screen.getByTestId('live-indicator').textContent).toBe('Live')
    expect(scanRows()).toHaveLength(2)
  })

  it('does not poll on an older page', async () => {
    renderLog({ cursor: 'older-page' })
    await screen.findByRole('table', { name: 'Scans' })
    expect(screen.getByTestId('live-indicator').textContent).toBe('Paused: older scans')
    await nextPoll()
    await nextPoll()
    expect(eventRequests()).toEqual(['/api/admin/events?limit=50&cursor=older-page'])
  })
})
