import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PassView } from './PassView'

/** 5 s into a 30 s step. */
const NOW = new Date('2026-07-24T09:55:05Z')
const USER = 'user-1'

/** What the server holds: the pass follows the clock, a grant moves it one step on. */
let server: { grantedAt: string | null; step: number; disabled: boolean; offline: boolean }
const stepOf = (ms: number) => Math.floor(ms / 30_000)
const code = (step: number) => String(step % 1_000_000).padStart(6, '0')
const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>()

function grant() {
  server.grantedAt = new Date().toISOString()
  server.step = Math.max(stepOf(Date.now()), server.step + 1)
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], shouldAdvanceTime: true })
  vi.setSystemTime(NOW)
  server = { grantedAt: null, step: stepOf(NOW.getTime()), disabled: false, offline: false }
  fetchMock.mockImplementation(async (url) => {
    if (server.offline) throw new TypeError('Failed to fetch')
    const now = Date.now()
    const grantRunning = server.grantedAt !== null && now - Date.parse(server.grantedAt) < 30_000
    if (url.startsWith('/isvalid/')) return Response.json({ user_id: USER, validation: grantRunning })
    expect(url).toBe('/api/pass')
    if (server.disabled) {
      return Response.json({ error: { code: 'forbidden', message: 'This pass is disabled. Ask an administrator.' } }, { status: 403 })
    }
    const step = Math.max(stepOf(now), server.step)
    return Response.json({
      userId: USER,
      qrString: `ABCD_${code(step)}`,
      shortCode: `K7QM2X${code(step)}`,
      secondsUntilRotation: Math.ceil(((step + 1) * 30_000 - now) / 1000),
      secondsUntilUsable: 0,
      grantSeconds: 30,
      grantedAt: server.grantedAt,
    })
  })
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  fetchMock.mockReset()
})

const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))
const qr = () => screen.queryByRole('img', { name: 'Your door pass QR code' })
const bar = () => screen.getByRole('progressbar', { name: 'Time until the code changes' }) as HTMLProgressElement

describe('the pass page', () => {
  it('shows every grant, a second one within the grant window too', async () => {
    render(<PassView />)
    await screen.findByRole('img', { name: 'Your door pass QR code' })
    grant()
    await wait(1_500)
    expect(screen.getByRole('status').textContent).toBe('Access granted')
    await wait(6_000)
    expect(screen.getByRole('status').textContent).toBe('')
    grant()
    await wait(1_500)
    expect(screen.getByRole('status').textContent).toBe('Access granted')
  })

  it('counts down on a bar as long as what it counts', async () => {
    render(<PassView />)
    await screen.findByRole('img', { name: 'Your door pass QR code' })
    expect(screen.getByText(/New code in/).textContent).toBe('New code in 25 s')
    expect([bar().max, bar().value]).toEqual([30, 25])
    grant()
    await wait(1_000)
    // The next step's code, shown at once after the grant, lasts until the end of the next step.
    const seconds = Number(/New code in (\d+) s/.exec(screen.getByText(/New code in/).textContent ?? '')?.[1])
    expect(seconds).toBeGreaterThan(30)
    expect(bar().max).toBe(60)
    expect(bar().value).toBe(seconds)
  })

  it('shows the same pass as a short code to type, grouped, renewed with the QR code', async () => {
    render(<PassView />)
    await screen.findByRole('img', { name: 'Your door pass QR code' })
    const typeable = () => screen.getByTestId('typeable-code').textContent
    const first = typeable()
    expect(first).toBe(`K7QM 2X · ${code(stepOf(NOW.getTime())).slice(0, 3)} ${code(stepOf(NOW.getTime())).slice(3)}`)
    expect(screen.getByText(/Camera cannot read it\? Type this code/)).toBeTruthy()
    // Nothing a person could misread: no I, L, O or U, and not the 60-odd characters of the pass string.
    expect(first).not.toMatch(/[ILOU_=]/)
    grant()
    await wait(1_000)
    expect(typeable()).toMatch(/^K7QM 2X · \d{3} \d{3}$/)
    expect(typeable()).not.toBe(first)
  })

  it('says the pass is disabled at the next poll, with no QR code', async () => {
    render(<PassView />)
    await screen.findByRole('img', { name: 'Your door pass QR code' })
    server.disabled = true
    await wait(1_500)
    expect(screen.getByRole('alert').textContent).toContain('This pass is disabled')
    expect(qr()).toBeNull()
  })

  it('is honest offline: how long the code still works, then no code, retrying less and less often', async () => {
    render(<PassView />)
    await screen.findByRole('img', { name: 'Your door pass QR code' })
    server.offline = true
    await wait(1_500)
    // The step's code is accepted until the end of the next step: 25 + 30 s after NOW.
    expect(screen.getByText(/This code stops working in/).textContent).toMatch(/^This code stops working in 5[34] s$/)
    expect(screen.queryByText(/keeps rotating/)).toBeNull()
    expect(qr()).toBeTruthy()

    const asked = fetchMock.mock.calls.length
    await wait(60_000)
    expect(screen.getByRole('alert').textContent).toContain('Reconnecting…')
    expect(qr()).toBeNull()
    // 1, 2, 4, 8, 16, 30 s apart: a handful of tries a minute, not four a second.
    expect(fetchMock.mock.calls.length - asked).toBeLessThanOrEqual(7)

    server.offline = false
    await wait(30_000)
    expect(qr()).toBeTruthy()
    expect(screen.getByText(/New code in/)).toBeTruthy()
  })
})
