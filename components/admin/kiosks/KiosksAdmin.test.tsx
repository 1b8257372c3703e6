import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { SWRConfig } from 'swr'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { formatSince } from '@/components/admin/format'
import { KiosksAdmin } from './KiosksAdmin'

const sideDoor = {
  id: 'kiosk-1',
  name: 'Side door',
  createdAt: '2026-01-01T00:00:00.000Z',
  revokedAt: null,
  lastSeenAt: null as string | null,
  doorId: 'side' as string | null,
  doorName: 'Side entrance' as string | null,
  online: false,
  offlineSince: null as string | null,
}
const doors = [
  { id: 'front-door', name: 'Front door', timeZone: 'UTC', unlockSeconds: 5, lockdown: false },
  { id: 'side', name: 'Side entrance', timeZone: 'UTC', unlockSeconds: 5, lockdown: false },
]

/** The kiosks the API lists now; tests change it as the server would. */
let kiosks: (typeof sideDoor)[]
const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>()
const listRequests = () => fetchMock.mock.calls.filter(([url, init]) => url === '/api/admin/kiosks' && !init?.method).length

beforeEach(() => {
  kiosks = []
  fetchMock.mockImplementation(async (url, init) => {
    if (url === '/api/admin/kiosks' && !init?.method) return Response.json({ kiosks })
    if (url === '/api/admin/doors' && !init?.method) return Response.json({ doors })
    if (url === '/api/admin/kiosks' && init?.method === 'POST') {
      kiosks = [sideDoor]
      return Response.json(
        {
          id: sideDoor.id,
          name: sideDoor.name,
          doorId: sideDoor.doorId,
          doorName: sideDoor.doorName,
          token: 'qrd_kiosk_secret',
          pairingUrl: '/kiosk?pair=qrd_kiosk_secret',
        },
        { status: 201 },
      )
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

async function addKiosk() {
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime.bind(vi) })
  render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <KiosksAdmin />
    </SWRConfig>,
  )
  await screen.findByText(/No kiosks yet/)
  await user.type(screen.getByLabelText('Kiosk name'), 'Side door')
  // "Front door" is picked first; this kiosk stands at the side entrance.
  const door = screen.getByLabelText('Door')
  await waitFor(() => expect((door as HTMLSelectElement).value).toBe('front-door'))
  await user.selectOptions(door, 'side')
  await user.click(screen.getByRole('button', { name: 'Add kiosk' }))
  const heading = await screen.findByRole('heading', { name: 'Pair the tablet for Side door' })
  expect(document.activeElement).toBe(heading)
  expect(screen.getByText('Waiting for the tablet to open the link…')).toBeTruthy()
  return user
}

const nextPoll = () => act(() => vi.advanceTimersByTimeAsync(3_000))

describe('KiosksAdmin', () => {
  it('watches for the tablet to use its pairing link, every 3 s while the link is shown', async () => {
    const user = await addKiosk()
    const before = listRequests()
    await nextPoll()
    expect(listRequests()).toBe(before + 1)
    expect(screen.getByText('Waiting for the tablet to open the link…')).toBeTruthy()

    kiosks = [{ ...sideDoor, lastSeenAt: new Date().toISOString(), online: true }]
    await nextPoll()
    expect(screen.getByText('✓ The tablet is paired and ready to scan.')).toBeTruthy()
    expect(within(screen.getByRole('row', { name: /Side door/ })).getByText('Paired')).toBeTruthy()
    expect(within(screen.getByRole('row', { name: /Side door/ })).getByText('Online')).toBeTruthy()

    await user.click(screen.getByRole('button', { name: 'Done: I paired the tablet' }))
    const after = listRequests()
    await nextPoll()
    await nextPoll()
    expect(listRequests()).toBe(after)
  })

  it('shows each kiosk online, offline since its last heartbeat, or never seen, and refreshes by itself', async () => {
    const lastHeartbeat = new Date(Date.now() - 5 * 60_000).toISOString()
    kiosks = [
      { ...sideDoor, lastSeenAt: new Date().toISOString(), online: true },
      { ...sideDoor, id: 'kiosk-2', name: 'Lobby', lastSeenAt: lastHeartbeat, offlineSince: lastHeartbeat },
      { ...sideDoor, id: 'kiosk-3', name: 'Spare' },
    ]
    render(
      <SWRConfig value={{ provider: () => new Map() }}>
        <KiosksAdmin />
      </SWRConfig>,
    )
    expect(within(await screen.findByRole('row', { name: /Side door/ })).getByText('Online')).toBeTruthy()
    const lobby = screen.getByRole('row', { name: /Lobby/ })
    expect(lobby.textContent).toMatch(/Offline\s*since/)
    expect(within(lobby).getByText(formatSince(lastHeartbeat)).getAttribute('datetime')).toBe(lastHeartbeat)
    expect(within(screen.getByRole('row', { name: /Spare/ })).getByText('Never seen')).toBeTruthy()

    // The server's sweep marks the side door offline: the list shows it at its next refresh.
    kiosks = [{ ...kiosks[0]!, online: false, offlineSince: kiosks[0]!.lastSeenAt }, ...kiosks.slice(1)]
    await act(() => vi.advanceTimersByTimeAsync(15_000))
    expect(within(screen.getByRole('row', { name: /Side door/ })).getByText('Offline')).toBeTruthy()
  })

  it('pairs the kiosk at the door picked, and lists its door', async () => {
    await addKiosk()
    const post = fetchMock.mock.calls.find(([url, init]) => url === '/api/admin/kiosks' && init?.method === 'POST')!
    expect(JSON.parse(String(post[1]!.body))).toEqual({ name: 'Side door', doorId: 'side' })
    const row = await screen.findByRole('row', { name: /Side door/ })
    expect(within(row).getByText('Side entrance')).toBeTruthy()
  })

  it('keeps watching after a failed poll', async () => {
    await addKiosk()
    fetchMock.mockResolvedValueOnce(Response.json({ error: { code: 'internal', message: 'Something broke' } }, { status: 500 }))
    await nextPoll()
    expect(screen.getByText('Waiting for the tablet to open the link…')).toBeTruthy()

    kiosks = [{ ...sideDoor, lastSeenAt: new Date().toISOString() }]
    await nextPoll()
    expect(screen.getByText('✓ The tablet is paired and ready to scan.')).toBeTruthy()
  })
})
