import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { SWRConfig } from 'swr'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { WebhooksAdmin } from './WebhooksAdmin'

const endpoint = {
  id: 'endpoint-1',
  url: 'https://hooks.example.com/door',
  eventTypes: ['access.granted', 'door.unlocked'],
  createdAt: '2026-01-01T00:00:00.000Z',
  queued: 1,
  failed: 0,
}
const delivery = {
  id: 'delivery-1',
  endpointId: endpoint.id,
  url: endpoint.url,
  eventId: 'evt_7_door_unlocked',
  type: 'door.unlocked',
  status: 'queued',
  attempts: 2,
  lastStatus: 500,
  error: 'HTTP 500: oops' as string | null,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastAttemptAt: '2026-01-01T00:01:00.000Z',
  nextAttemptAt: new Date(Date.now() + 10 * 60_000 + 5_000).toISOString() as string | null,
}
const backlog = {
  messages: 0,
  oldestMessageAt: null,
  lastError: null,
  queuedDeliveries: 1,
  failedDeliveries: 0,
  mqtt: { configured: true, connected: false },
}

/** What the API holds now; tests change it as the server would. */
let webhooks: (typeof endpoint)[]
let deliveries: (typeof delivery)[]
const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>()
const calls = (method: string, url: string) => fetchMock.mock.calls.filter(([u, init]) => u === url && init?.method === method)

beforeEach(() => {
  webhooks = []
  deliveries = []
  fetchMock.mockImplementation(async (url, init) => {
    const method = init?.method ?? 'GET'
    if (url === '/api/admin/webhooks' && method === 'GET') return Response.json({ webhooks })
    if (url === '/api/admin/outbox') return Response.json(backlog)
    if (url.startsWith('/api/admin/webhooks/deliveries?')) return Response.json({ deliveries, nextCursor: null })
    if (url === '/api/admin/webhooks' && method === 'POST') {
      const body = JSON.parse(String(init!.body)) as { url: string; eventTypes: string[] }
      webhooks = [{ ...endpoint, ...body, queued: 0 }]
      return Response.json({ ...webhooks[0], secret: 'whsec_shown_once' }, { status: 201 })
    }
    if (url === '/api/admin/webhooks/endpoint-1' && method === 'DELETE') {
      webhooks = []
      deliveries = []
      return Response.json({ id: 'endpoint-1' })
    }
    if (url === '/api/admin/webhooks/deliveries/delivery-1/retry' && method === 'POST') {
      deliveries = [{ ...delivery, status: 'sent', attempts: 3, lastStatus: 204, error: null, nextAttemptAt: null }]
      return Response.json(deliveries[0])
    }
    return Response.json({ error: { code: 'not_found', message: 'No such route' } }, { status: 404 })
  })
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  vi.unstubAllGlobals()
  fetchMock.mockReset()
})

function renderPage() {
  render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <WebhooksAdmin />
    </SWRConfig>,
  )
  return userEvent.setup()
}

describe('WebhooksAdmin', () => {
  it('adds an endpoint for the events ticked, and shows its secret once', async () => {
    const user = renderPage()
    await screen.findByText(/No endpoints yet/)
    expect(await screen.findByText(/No deliveries yet/)).toBeTruthy()

    await user.click(screen.getByRole('button', { name: 'Add endpoint' }))
    expect(screen.getByLabelText('URL').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('alert').textContent).toMatch(/^Enter the receiver’s address/)

    await user.type(screen.getByLabelText('URL'), 'https://hooks.example.com/door')
    const events = screen.getByRole('group', { name: 'Events' })
    for (const type of ['access.denied', 'kiosk.offline', 'kiosk.online']) {
      await user.click(within(events).getByRole('checkbox', { name: new RegExp(`^${type.replace('.', '\\.')}`) }))
    }
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }))

    const heading = await screen.findByRole('heading', { name: 'Endpoint added: its signing secret' })
    expect(document.activeElement).toBe(heading)
    expect(screen.getByText('Shown only once.')).toBeTruthy()
    expect(screen.getByTestId('webhook-secret').textContent).toBe('whsec_shown_once')
    expect(screen.getByRole('button', { name: 'Copy secret' })).toBeTruthy()
    expect(JSON.parse(String(calls('POST', '/api/admin/webhooks')[0]![1]!.body))).toEqual({
      url: 'https://hooks.example.com/door',
      eventTypes: ['access.granted', 'door.unlocked'],
    })
    expect(await screen.findByRole('row', { name: /hooks\.example\.com/ })).toBeTruthy()

    await user.click(screen.getByRole('button', { name: 'Done: I stored the secret' }))
    expect(screen.queryByTestId('webhook-secret')).toBeNull()
    expect(screen.getByRole('button', { name: 'Add endpoint' })).toBeTruthy()
  })

  it('lists deliveries with their tries, sends one again and says how it went', async () => {
    webhooks = [endpoint]
    deliveries = [delivery]
    const user = renderPage()
    const item = await screen.findByRole('listitem', { name: 'door.unlocked to https://hooks.example.com/door' })
    expect(within(item).getByText('Queued')).toBeTruthy()
    expect(within(item).getByText('evt_7_door_unlocked')).toBeTruthy()
    expect(item.textContent).toContain('2 tries · last answer HTTP 500')
    expect(item.textContent).toContain('Error: HTTP 500: oops')
    expect(item.textContent).toContain('Next try in 10 minutes')
    expect(within(screen.getByRole('row', { name: /hooks\.example\.com/ })).getByText('1 queued')).toBeTruthy()
    expect(screen.getByText('Not connected')).toBeTruthy()

    await user.click(within(item).getByRole('button', { name: 'Send again: evt_7_door_unlocked to https://hooks.example.com/door' }))
    expect(calls('POST', '/api/admin/webhooks/deliveries/delivery-1/retry')).toHaveLength(1)
    expect(await screen.findByText('Sent again: https://hooks.example.com/door answered HTTP 204.')).toBeTruthy()
    await waitFor(() => expect(within(screen.getByRole('listitem', { name: /door\.unlocked/ })).getByText('Sent')).toBeTruthy())
  })

  it('filters the log by status and endpoint', async () => {
    webhooks = [endpoint]
    const user = renderPage()
    await screen.findByRole('row', { name: /hooks\.example\.com/ })
    await user.selectOptions(screen.getByLabelText('Status'), 'failed')
    await user.selectOptions(screen.getByLabelText('Endpoint'), 'endpoint-1')
    await waitFor(() =>
      expect(fetchMock.mock.calls.map(([url]) => url)).toContain(
        '/api/admin/webhooks/deliveries?limit=50&endpoint=endpoint-1&status=failed',
      ),
    )
    expect(await screen.findByText('No deliveries match these filters.')).toBeTruthy()
  })

  it('deletes an endpoint after asking', async () => {
    webhooks = [endpoint]
    const user = renderPage()
    await user.click(await screen.findByRole('button', { name: 'Delete the endpoint https://hooks.example.com/door' }))
    const dialog = screen.getByRole('dialog', { name: 'Delete this endpoint?' })
    await user.click(within(dialog).getByRole('button', { name: 'Delete endpoint' }))
    expect(calls('DELETE', '/api/admin/webhooks/endpoint-1')).toHaveLength(1)
    expect(await screen.findByText('The endpoint https://hooks.example.com/door was deleted: nothing more is sent to it.')).toBeTruthy()
    expect(await screen.findByText(/No endpoints yet/)).toBeTruthy()
  })
})
