import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { SWRConfig } from 'swr'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Outbox } from './Outbox'

const delivery = (n: number) => ({
  id: `delivery-${n}`,
  channel: 'email',
  recipient: `person${n}@example.com`,
  subject: 'Your verification code',
  status: 'demo',
  providerId: null,
  error: null,
  body: `Your code is ${String(n).padStart(6, '0')}`,
  createdAt: '2026-01-01T00:00:00.000Z',
})

const newest = '/api/admin/deliveries?limit=50'
const older = '/api/admin/deliveries?limit=50&cursor=page-2'
const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>()
const requested = () => fetchMock.mock.calls.map(([url]) => url)

beforeEach(() => {
  fetchMock.mockImplementation(async (url) => {
    if (url === newest) return Response.json({ deliveries: [delivery(1)], nextCursor: 'page-2' })
    if (url === older) return Response.json({ deliveries: [delivery(2)], nextCursor: null })
    return Response.json({ error: { code: 'not_found', message: 'No such route' } }, { status: 404 })
  })
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  vi.unstubAllGlobals()
  fetchMock.mockReset()
})

function renderOutbox() {
  return render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <Outbox />
    </SWRConfig>,
  )
}

describe('Outbox', () => {
  it('adds older messages page by page, asking only for the page it adds', async () => {
    const user = userEvent.setup()
    renderOutbox()
    expect(await screen.findByRole('listitem', { name: 'E-mail to person1@example.com' })).toBeTruthy()
    expect(screen.getByText('1+ message, newest first.')).toBeTruthy()

    await user.click(screen.getByRole('button', { name: 'Show older messages' }))
    expect(await screen.findByRole('listitem', { name: 'E-mail to person2@example.com' })).toBeTruthy()
    expect(screen.getByText('2 messages, newest first.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Show older messages' })).toBeNull()
    expect(requested()).toEqual([newest, older])
  })

  it('keeps the messages shown when an older page fails, and says why', async () => {
    const user = userEvent.setup()
    renderOutbox()
    await screen.findByRole('listitem', { name: 'E-mail to person1@example.com' })
    fetchMock.mockResolvedValueOnce(Response.json({ error: { code: 'rate_limited', message: 'Too many requests' } }, { status: 429 }))
    await user.click(screen.getByRole('button', { name: 'Show older messages' }))

    expect((await screen.findByRole('alert')).textContent).toBe('Too many requests')
    expect(screen.getByRole('listitem', { name: 'E-mail to person1@example.com' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Show older messages' })).toHaveProperty('disabled', false)
  })

  it('refreshes to the newest page alone', async () => {
    const user = userEvent.setup()
    renderOutbox()
    await screen.findByRole('listitem', { name: 'E-mail to person1@example.com' })
    await user.click(screen.getByRole('button', { name: 'Show older messages' }))
    await screen.findByRole('listitem', { name: 'E-mail to person2@example.com' })

    await user.click(screen.getByRole('button', { name: 'Refresh' }))
    expect(await screen.findByRole('button', { name: 'Show older messages' })).toBeTruthy()
    expect(screen.queryByRole('listitem', { name: 'E-mail to person2@example.com' })).toBeNull()
    expect(requested()).toEqual([newest, older, newest])
  })

  it('shows a failed first load with "Try again"', async () => {
    fetchMock.mockResolvedValueOnce(Response.json({ error: { code: 'forbidden', message: 'Admins only' } }, { status: 403 }))
    const user = userEvent.setup()
    renderOutbox()
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load the outbox: Admins only')
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByRole('listitem', { name: 'E-mail to person1@example.com' })).toBeTruthy()
  })
})
