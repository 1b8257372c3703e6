import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GuestPassView, type GuestView } from './GuestPassView'
import { whenWords } from './guest-time'

const NOW = new Date('2026-07-24T09:55:00Z')
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAA'

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000).toISOString()

function pass(overrides: Partial<GuestView>): GuestView {
  return {
    name: 'Grace Guest',
    state: 'active',
    validFrom: minutes(-60),
    validUntil: minutes(8 * 60),
    maxUses: null,
    uses: 0,
    qrString: null,
    shortCode: null,
    secondsUntilRotation: null,
    secondsUntilUsable: null,
    granted: false,
    ...overrides,
  }
}

/** The first code changes 20 s after NOW, then every 30 s. */
const secondsUntilRotation = () => 30 - ((Math.floor((Date.now() - NOW.getTime()) / 1000) + 10) % 30)

const active = (overrides: Partial<GuestView> = {}) =>
  pass({ qrString: 'GRACE_123456', secondsUntilRotation: secondsUntilRotation(), secondsUntilUsable: 0, ...overrides })

/** What the guest API answers, in turn; the last answer repeats. */
let answers: (() => Response | Promise<Response>)[]
const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>()
/** The same pass at every request; an active one with the current countdown. */
const answer = (view: GuestView) => () =>
  Response.json(view.state === 'active' && view.qrString ? { ...view, secondsUntilRotation: secondsUntilRotation() } : view)

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], shouldAdvanceTime: true })
  vi.setSystemTime(NOW)
  fetchMock.mockImplementation(async (url) => {
    expect(url).toBe(`/api/guest/${TOKEN}`)
    const next = answers.length > 1 ? answers.shift()! : answers[0]!
    return next()
  })
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  fetchMock.mockReset()
})

const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))

describe('the guest’s pass page', () => {
  it('counts down to the start in hours and minutes, with the day and time', async () => {
    const startsAt = minutes(125)
    answers = [answer(pass({ state: 'upcoming', validFrom: startsAt }))]
    render(<GuestPassView token={TOKEN} />)

    const countdown = await screen.findByRole('timer')
    expect(countdown.textContent).toBe(`Your pass starts in 2 h 05 min — ${whenWords(new Date(startsAt), NOW)}`)
    expect(screen.getByRole('heading', { name: 'Door pass for Grace Guest' })).toBeTruthy()
    expect(screen.queryByRole('img', { name: 'Your door pass QR code' })).toBeNull()

    await wait(60_000)
    expect(screen.getByRole('timer').textContent).toContain('Your pass starts in 2 h 04 min')
  })

  it('shows the QR code once the server says the pass has started', async () => {
    const startsAt = new Date(NOW.getTime() + 90_000)
    const upcoming = pass({ state: 'upcoming', validFrom: startsAt.toISOString() })
    answers = [() => Response.json(Date.now() < startsAt.getTime() ? upcoming : active({ validFrom: upcoming.validFrom }))]
    render(<GuestPassView token={TOKEN} />)
    expect((await screen.findByRole('timer')).textContent).toContain('Your pass starts in 1 min 30 s')

    await wait(95_000)
    expect(await screen.findByRole('img', { name: 'Your door pass QR code' })).toBeTruthy()
    expect(screen.queryByRole('timer')).toBeNull()
  })

  it('shows the rotating QR code with its countdown, the end and the uses left while active', async () => {
    answers = [answer(active({ maxUses: 3, uses: 1 }))]
    render(<GuestPassView token={TOKEN} />)

    expect(await screen.findByRole('img', { name: 'Your door pass QR code' })).toBeTruthy()
    expect(screen.getByTestId('qr-string').textContent).toBe('GRACE_123456')
    expect(screen.getByText(/New code in/).textContent).toBe('New code in 20 s')
    expect(screen.getByText(/Hold this screen up/).textContent).toContain('2 of 3 door openings left')
    await wait(5_000)
    expect(screen.getByText(/New code in/).textContent).toBe('New code in 15 s')
  })

  it('says "Access granted" when a kiosk accepted the pass', async () => {
    answers = [answer(active()), answer(active({ granted: true, uses: 1 }))]
    render(<GuestPassView token={TOKEN} />)
    await screen.findByRole('img', { name: 'Your door pass QR code' })
    expect(screen.queryByText('Access granted')).toBeNull()
    await wait(1_000)
    expect(await screen.findByText('Access granted')).toBeTruthy()
  })

  it.each([
    ['expired', 'This pass has expired'],
    ['used_up', 'This pass is used up'],
    ['revoked', 'This pass was revoked'],
  ] as const)('ends clearly when the pass is %s, and stops asking', async (state, title) => {
    answers = [answer(pass({ state, validUntil: minutes(-10), maxUses: 2, uses: 2 }))]
    render(<GuestPassView token={TOKEN} />)
    expect(await screen.findByRole('heading', { name: title })).toBeTruthy()
    expect(screen.queryByRole('img', { name: 'Your door pass QR code' })).toBeNull()
    const asked = fetchMock.mock.calls.length
    await wait(60_000)
    expect(fetchMock.mock.calls.length).toBe(asked)
  })

  it('says the link is not valid for an unknown token', async () => {
    answers = [() => Response.json({ error: { code: 'not_found', message: 'No such guest pass' } }, { status: 404 })]
    render(<GuestPassView token={TOKEN} />)
    expect(await screen.findByRole('heading', { name: 'This link is not valid' })).toBeTruthy()
    expect(screen.getByText(/ask the person who sent it for a new one/)).toBeTruthy()
  })

  it('is honest offline: the code on screen until it changes, then none', async () => {
    answers = [
      () => Response.json(active({ secondsUntilRotation: 3 })),
      () => {
        throw new TypeError('Failed to fetch')
      },
    ]
    render(<GuestPassView token={TOKEN} />)
    await screen.findByRole('img', { name: 'Your door pass QR code' })
    await wait(1_000)
    expect((await screen.findByRole('alert')).textContent).toContain('You are offline. The door can still read this code until it changes')
    expect(screen.getByRole('img', { name: 'Your door pass QR code' })).toBeTruthy()

    await wait(3_000)
    expect(screen.queryByRole('img', { name: 'Your door pass QR code' })).toBeNull()
    expect(screen.getByRole('alert').textContent).toContain('You are offline, so there is no current code to show')
  })

  it('says so when it cannot load at all while offline, and tries again on request', async () => {
    answers = [
      () => {
        throw new TypeError('Failed to fetch')
      },
      answer(active()),
    ]
    render(<GuestPassView token={TOKEN} />)
    expect(await screen.findByRole('heading', { name: 'You are offline' })).toBeTruthy()
    act(() => screen.getByRole('button', { name: 'Try again' }).click())
    expect(await screen.findByRole('img', { name: 'Your door pass QR code' })).toBeTruthy()
  })
})
