import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { SWRConfig } from 'swr'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { UsersAdmin } from './UsersAdmin'

const ada = {
  id: 'user-ada',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: null,
  role: 'user',
  disabled: false,
  hasPass: true,
  lastGrantedAt: null,
  groupIds: ['everyone'] as string[],
  accessFrom: null as string | null,
  accessUntil: null as string | null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
}

/** The users the API lists now; tests change it as the server would. */
let users: (typeof ada)[]
const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>()
const listRequests = () => fetchMock.mock.calls.filter(([url, init]) => url === '/api/admin/users' && !init?.method).length
const groups = [
  { id: 'everyone', name: 'Everyone', doorIds: ['front-door'], schedule: [] },
  { id: 'night-shift', name: 'Night shift', doorIds: ['front-door'], schedule: [{ days: ['mon'], from: '22:00', to: '06:00' }] },
]
/** The body of the last request with this method. */
const lastBody = (method: string) => JSON.parse(String(fetchMock.mock.calls.findLast(([, init]) => init?.method === method)![1]!.body))

beforeEach(() => {
  users = [ada]
  fetchMock.mockImplementation(async (url, init) => {
    if (url === '/api/admin/users' && !init?.method) return Response.json({ users })
    if (url === '/api/admin/groups' && !init?.method) return Response.json({ groups })
    if (url === '/api/admin/users' && init?.method === 'POST') {
      const created = { ...ada, id: 'user-grace', name: 'Grace Hopper', email: 'grace@example.com' }
      users = [...users, created]
      return Response.json(created, { status: 201 })
    }
    if (url === '/api/admin/users/user-ada' && init?.method === 'PATCH') {
      users = users.map((user) => (user.id === 'user-ada' ? { ...user, ...JSON.parse(String(init.body)) } : user))
      return Response.json(users[0])
    }
    return Response.json({ error: { code: 'not_found', message: 'No such route' } }, { status: 404 })
  })
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  vi.unstubAllGlobals()
  fetchMock.mockReset()
})

/** Each test with a cache of its own, as on a fresh page load. */
function renderUsers() {
  return render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <UsersAdmin selfId="user-admin" />
    </SWRConfig>,
  )
}

describe('UsersAdmin', () => {
  it('lifts a lock-out from the row and says what it did; no Disable on the admin’s own row', async () => {
    users = [ada, { ...ada, id: 'user-admin', name: 'Me Admin', email: 'me@example.com', role: 'admin' }]
    const original = fetchMock.getMockImplementation()!
    fetchMock.mockImplementation(async (url, init) =>
      url === '/api/admin/users/user-ada/lift-lockout' && init?.method === 'POST'
        ? Response.json({ wasLockedOut: true, wrongCodesCleared: 10 })
        : original(url, init),
    )
    const user = userEvent.setup()
    renderUsers()
    const me = (await screen.findByText('Me Admin')).closest('tr')!
    expect(within(me).queryByRole('button', { name: 'Disable Me Admin' })).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Lift lock-out: Ada Lovelace' }))
    expect(await screen.findByText('Ada Lovelace may sign in again.')).toBeTruthy()
  })

  it('says it is loading, then lists the users', async () => {
    renderUsers()
    expect(screen.getByText('Loading users…').getAttribute('role')).toBe('status')
    const row = (await screen.findByText('Ada Lovelace')).closest('tr')!
    expect(within(row).getByText('Active')).toBeTruthy()
    expect(screen.queryByText('Loading users…')).toBeNull()
  })

  it('shows a failed load with its message, and loads again on "Try again"', async () => {
    fetchMock.mockResolvedValueOnce(Response.json({ error: { code: 'rate_limited', message: 'Too many requests' } }, { status: 429 }))
    const user = userEvent.setup()
    renderUsers()
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Could not load the users: Too many requests')

    await user.click(within(alert).getByRole('button', { name: 'Try again' }))
    expect(await screen.findByText('Ada Lovelace')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('reloads the list after adding a user', async () => {
    const user = userEvent.setup()
    renderUsers()
    await screen.findByText('Ada Lovelace')
    const form = screen.getByRole('form', { name: 'Add a user' })
    await user.type(within(form).getByLabelText('Name'), 'Grace Hopper')
    await user.type(within(form).getByLabelText('E-mail'), 'grace@example.com')
    await user.click(within(form).getByRole('button', { name: 'Add user' }))

    expect(await screen.findByRole('row', { name: /Grace Hopper/ })).toBeTruthy()
    expect(screen.getByText('Grace Hopper was added. They sign in with a code sent to grace@example.com.')).toBeTruthy()
    expect(listRequests()).toBe(2)
  })

  it('puts a new user in "Everyone" unless told otherwise, and sends the validity window as instants', async () => {
    const user = userEvent.setup()
    renderUsers()
    const form = await screen.findByRole('form', { name: 'Add a user' })
    const groupBoxes = within(form).getByRole('group', { name: 'Groups' })
    expect(((await within(groupBoxes).findByLabelText('Everyone')) as HTMLInputElement).checked).toBe(true)
    await user.type(within(form).getByLabelText('Name'), 'Grace Hopper')
    await user.type(within(form).getByLabelText('E-mail'), 'grace@example.com')
    await user.click(within(groupBoxes).getByLabelText('Everyone'))
    await user.click(within(groupBoxes).getByLabelText('Night shift'))
    await user.type(within(form).getByLabelText('Access until (optional)'), '2026-12-24T18:00')
    await user.click(within(form).getByRole('button', { name: 'Add user' }))

    await screen.findByText(/Grace Hopper was added/)
    const body = lastBody('POST')
    expect(body.groupIds).toEqual(['night-shift'])
    expect(body.accessUntil).toBe(new Date('2026-12-24T18:00').toISOString())
    expect(body).not.toHaveProperty('accessFrom')
  })

  it('says so when the validity window ends before it starts, without sending it', async () => {
    const user = userEvent.setup()
    renderUsers()
    const form = await screen.findByRole('form', { name: 'Add a user' })
    await user.type(within(form).getByLabelText('Name'), 'Grace Hopper')
    await user.type(within(form).getByLabelText('E-mail'), 'grace@example.com')
    await user.type(within(form).getByLabelText('Access from (optional)'), '2026-12-24T18:00')
    await user.type(within(form).getByLabelText('Access until (optional)'), '2026-12-24T08:00')
    await user.click(within(form).getByRole('button', { name: 'Add user' }))

    expect(within(form).getAllByText('Access must end after it starts.').length).toBeGreaterThan(0)
    expect(within(form).getByLabelText('Access until (optional)').getAttribute('aria-invalid')).toBe('true')
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false)
  })

  it('shows the API’s complaint at its field and names the field in the alert', async () => {
    const base = fetchMock.getMockImplementation()!
    fetchMock.mockImplementation(async (url, init) =>
      url === '/api/admin/users' && init?.method === 'POST'
        ? Response.json(
            {
              error: {
                code: 'bad_request',
                message: 'The request does not match the schema',
                issues: [{ path: 'phone', message: 'Use the international format, e.g. +14155550123' }],
              },
            },
            { status: 400 },
          )
        : base(url, init),
    )
    const user = userEvent.setup()
    renderUsers()
    const form = await screen.findByRole('form', { name: 'Add a user' })
    await user.type(within(form).getByLabelText('Name'), 'Grace Hopper')
    await user.type(within(form).getByLabelText('Phone'), '555')
    await user.click(within(form).getByRole('button', { name: 'Add user' }))

    const alert = await within(form).findByRole('alert')
    expect(alert.textContent).toContain('Phone: Use the international format, e.g. +14155550123')
    expect(alert.textContent).not.toContain('does not match the schema')
    expect(within(form).getByLabelText('Phone').getAttribute('aria-invalid')).toBe('true')
  })

  it('lists each user’s groups by name', async () => {
    renderUsers()
    const row = (await screen.findByText('Ada Lovelace')).closest('tr')!
    expect(await within(row).findByText('Everyone')).toBeTruthy()
  })

  it('reloads the list after disabling someone, once the dialog is confirmed', async () => {
    const user = userEvent.setup()
    renderUsers()
    await screen.findByText('Ada Lovelace')
    await user.click(screen.getByRole('button', { name: 'Disable Ada Lovelace' }))
    const dialog = screen.getByRole('dialog', { name: 'Disable Ada Lovelace?' })
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }))

    const row = screen.getByRole('row', { name: /Ada Lovelace/ })
    expect(await within(row).findByText('Disabled')).toBeTruthy()
    expect(screen.getByText('Ada Lovelace is disabled: their pass no longer opens doors.')).toBeTruthy()
    expect(listRequests()).toBe(2)
  })
})
