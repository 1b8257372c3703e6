import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { SWRConfig } from 'swr'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GroupsAdmin } from './GroupsAdmin'

const doors = [
  { id: 'front-door', name: 'Front door', timeZone: 'Europe/Berlin', unlockSeconds: 5, lockdown: false },
  { id: 'lab', name: 'Lab', timeZone: 'Europe/Berlin', unlockSeconds: 5, lockdown: false },
]

interface Group {
  id: string
  name: string
  doorIds: string[]
  schedule: { days: string[]; from: string; to: string }[]
}

/** The groups the API lists now; a POST adds to it, as the server would. */
let groups: Group[]
/** Set by a test: the next POST is refused with this 400. */
let refusal: { path: string; message: string } | null
const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>()
const posts = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').map(([, init]) => JSON.parse(String(init!.body)))

beforeEach(() => {
  groups = []
  refusal = null
  fetchMock.mockImplementation(async (url, init) => {
    if (url === '/api/admin/doors' && !init?.method) return Response.json({ doors })
    if (url === '/api/admin/groups' && !init?.method) return Response.json({ groups })
    if (url === '/api/admin/groups' && init?.method === 'POST') {
      if (refusal) {
        const message = refusal.message
        return Response.json(
          { error: { code: 'bad_request', message: `${refusal.path}: ${message}`, issues: [{ path: refusal.path, message }] } },
          { status: 400 },
        )
      }
      const group = { id: `group-${groups.length + 1}`, ...(JSON.parse(String(init.body)) as Omit<Group, 'id'>) }
      groups = [...groups, group]
      return Response.json(group, { status: 201 })
    }
    return Response.json({ error: { code: 'not_found', message: 'No such route' } }, { status: 404 })
  })
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  vi.unstubAllGlobals()
  fetchMock.mockReset()
})

async function openForm() {
  const user = userEvent.setup()
  render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <GroupsAdmin />
    </SWRConfig>,
  )
  await screen.findByText(/No groups yet/)
  const form = screen.getByRole('region', { name: 'Add a group' })
  await within(form).findByLabelText('Front door')
  return { user, form, schedule: within(form).getByRole('group', { name: 'Schedule' }) }
}

const windowsIn = (schedule: HTMLElement) => within(schedule).queryAllByRole('group', { name: /^Time window \d$/ })

describe('the schedule editor', () => {
  it('starts as "any time", adds windows as office hours, and removes the one asked for', async () => {
    const { user, schedule } = await openForm()
    expect(within(schedule).getByText(/Any time: members may open these doors at every hour/)).toBeTruthy()
    expect(windowsIn(schedule)).toHaveLength(0)

    await user.click(within(schedule).getByRole('button', { name: 'Add a time window' }))
    const [first] = windowsIn(schedule)
    expect(within(first!).getByText('Mon–Fri 08:00–17:00')).toBeTruthy()
    expect((within(first!).getByRole('checkbox', { name: 'Monday' }) as HTMLInputElement).checked).toBe(true)
    expect((within(first!).getByRole('checkbox', { name: 'Saturday' }) as HTMLInputElement).checked).toBe(false)

    await user.click(within(schedule).getByRole('button', { name: 'Add another time window' }))
    const second = windowsIn(schedule)[1]!
    await user.click(within(second).getByRole('checkbox', { name: 'Saturday' }))
    await user.clear(within(second).getByLabelText('To'))
    await user.type(within(second).getByLabelText('To'), '06:00')
    expect(within(second).getByText('Mon–Sat 08:00–06:00 (next day)')).toBeTruthy()

    // Removing the first keeps the second, now numbered 1, with what was typed into it.
    await user.click(within(schedule).getByRole('button', { name: 'Remove time window 1' }))
    const left = windowsIn(schedule)
    expect(left).toHaveLength(1)
    expect(left[0]!.querySelector('legend')!.textContent).toBe('Time window 1')
    expect(within(left[0]!).getByText('Mon–Sat 08:00–06:00 (next day)')).toBeTruthy()

    await user.click(within(schedule).getByRole('button', { name: 'Remove time window 1' }))
    expect(windowsIn(schedule)).toHaveLength(0)
    expect(within(schedule).getByText(/Any time/)).toBeTruthy()
  })

  it('says which window needs a day before sending anything', async () => {
    const { user, form, schedule } = await openForm()
    await user.type(within(form).getByLabelText('Name'), 'Cleaners')
    await user.click(within(schedule).getByRole('button', { name: 'Add a time window' }))
    await user.click(within(schedule).getByRole('button', { name: 'Add another time window' }))
    const second = windowsIn(schedule)[1]!
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
      await user.click(within(second).getByRole('checkbox', { name: day }))
    await user.click(within(form).getByRole('button', { name: 'Add group' }))

    expect(within(form).getByRole('alert').textContent).toBe('Time window 2: pick at least one day.')
    expect(within(second).getByText('Pick at least one day.')).toBeTruthy()
    expect(second.getAttribute('aria-describedby')).toBe(within(second).getByText('Pick at least one day.').id)
    expect(posts()).toHaveLength(0)
  })

  it('sends the doors and windows, then lists the group with its schedule in words', async () => {
    const { user, form, schedule } = await openForm()
    await user.type(within(form).getByLabelText('Name'), 'Morning staff')
    await user.click(within(form).getByLabelText('Lab'))
    await user.click(within(schedule).getByRole('button', { name: 'Add a time window' }))
    const [window] = windowsIn(schedule)
    await user.clear(within(window!).getByLabelText('To'))
    await user.type(within(window!).getByLabelText('To'), '13:00')
    await user.click(within(form).getByRole('button', { name: 'Add group' }))

    const row = await screen.findByRole('row', { name: /Morning staff/ })
    expect(posts()).toEqual([
      { name: 'Morning staff', doorIds: ['lab'], schedule: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '13:00' }] },
    ])
    expect(within(row).getByText('Lab')).toBeTruthy()
    expect(within(row).getByText('Mon–Fri 08:00–13:00')).toBeTruthy()
    // The form starts over for the next group.
    expect((within(screen.getByRole('region', { name: 'Add a group' })).getByLabelText('Name') as HTMLInputElement).value).toBe('')
  })

  it('shows the API’s 400 for a window at that window', async () => {
    const { user, form, schedule } = await openForm()
    refusal = { path: 'schedule.0.from', message: 'from must be a time HH:MM, e.g. 08:00' }
    await user.type(within(form).getByLabelText('Name'), 'Night shift')
    await user.click(within(schedule).getByRole('button', { name: 'Add a time window' }))
    await user.click(within(form).getByRole('button', { name: 'Add group' }))

    const [window] = windowsIn(schedule)
    expect(await within(window!).findByText('from must be a time HH:MM, e.g. 08:00')).toBeTruthy()
  })
})
