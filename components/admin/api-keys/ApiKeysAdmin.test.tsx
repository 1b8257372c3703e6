import { act, render, screen } from '@testing-library/react'
import { SWRConfig } from 'swr'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { ApiKeysAdmin } from './ApiKeysAdmin'

const billing = {
  id: 'key-billing',
  name: 'Billing backend',
  prefix: 'qrd_key_abcd',
  createdAt: '2026-01-01T00:00:00.000Z',
  revokedAt: null,
  lastUsedAt: null as string | null,
}
/** The keys the API lists now; the test changes them as a backend's request would. */
let apiKeys: (typeof billing)[]
const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>()

beforeEach(() => {
  apiKeys = [billing]
  fetchMock.mockImplementation(async (url) =>
    url === '/api/admin/api-keys'
      ? Response.json({ apiKeys })
      : Response.json({ error: { code: 'not_found', message: 'No such route' } }, { status: 404 }),
  )
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  vi.unstubAllGlobals()
  fetchMock.mockReset()
})

it('shows a key’s first use once the admin comes back to the page, without a reload', async () => {
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0, focusThrottleInterval: 0 }}>
      <ApiKeysAdmin />
    </SWRConfig>,
  )
  const row = await screen.findByRole('row', { name: /Billing backend/ })
  expect(row.textContent).toContain('never')

  // The admin copies the new key into a backend, which uses it, and comes back to the console.
  apiKeys = [{ ...billing, lastUsedAt: new Date().toISOString() }]
  await act(async () => window.dispatchEvent(new Event('focus')))
  await vi.waitFor(() => expect(screen.getByRole('row', { name: /Billing backend/ }).textContent).not.toContain('never'))
})
