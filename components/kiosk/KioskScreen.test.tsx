import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { KioskScreen } from './KioskScreen'

// The camera: the test decides what it reads, as @zxing/browser's decode callback would.
const camera = vi.hoisted(() => ({ read: ((): void => undefined) as (text: string) => void }))
vi.mock('@zxing/browser', () => ({
  BrowserQRCodeReader: class {
    async decodeFromConstraints(_constraints: unknown, _video: unknown, callback: (decoded: { getText(): string }) => void) {
      camera.read = (text) => callback({ getText: () => text })
      return { stop() {} }
    }
  },
}))
vi.mock('./fallback-decoder', () => ({ startFallbackDecoder: () => () => {} }))
vi.mock('./feedback-sound', () => ({ playResultSound: () => {} }))

const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(async (url) => {
  if (url === '/api/kiosk/heartbeat') {
    return Response.json({
      kiosk: { id: 'kiosk-1', name: 'Front door' },
      door: { id: 'front-door', name: 'Front door' },
      nextHeartbeatSeconds: 30,
    })
  }
  if (url === '/api/kiosk/scans') {
    return Response.json({ granted: true, reason: 'granted', message: 'Access granted', userName: 'Ada Lovelace', grantedUntil: null })
  }
  return Response.json({ error: { code: 'not_found', message: 'No such route' } }, { status: 404 })
})
const scansSent = () => fetchMock.mock.calls.filter(([url]) => url === '/api/kiosk/scans').length

beforeEach(() => {
  localStorage.setItem('qrdoor.kioskToken', 'qrd_kiosk_test')
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  fetchMock.mockClear()
  localStorage.clear()
})

it('checks a pass the camera reads many times once, shows the result, then scans again', async () => {
  render(<KioskScreen />)
  expect(await screen.findByText('Front door')).toBeTruthy()
  await screen.findByText('Hold your pass up to the camera')
  // The result screen's timer, moved on by the test. Time also runs by itself (shouldAdvanceTime):
  // Testing Library's findBy waits on a zero-delay setTimeout between its checks.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true })

  act(() => {
    camera.read('PASS_123456')
    camera.read('PASS_123456')
  })
  const result = await screen.findByRole('alert')
  expect(result.textContent).toContain('Access granted')
  expect(result.textContent).toContain('Ada Lovelace')
  act(() => camera.read('PASS_123456'))
  expect(scansSent()).toBe(1)

  await act(async () => vi.advanceTimersByTime(4_000))
  expect(screen.queryByRole('alert')).toBeNull()
  expect(screen.getByText('Hold your pass up to the camera')).toBeTruthy()

  // The same pass, still held up: not sent again. Another one is.
  act(() => camera.read('PASS_123456'))
  expect(scansSent()).toBe(1)
  act(() => camera.read('PASS_654321'))
  await screen.findByRole('alert')
  expect(scansSent()).toBe(2)
  expect(JSON.parse(String(fetchMock.mock.calls.at(-1)?.[1]?.body))).toEqual({ input: 'PASS_654321' })
})

it('shows the door it stands at, with its own name when that says more', async () => {
  fetchMock.mockImplementationOnce(async () =>
    Response.json({ kiosk: { id: 'kiosk-2', name: 'Tablet by the stairs' }, door: { id: 'back', name: 'Back door' } }),
  )
  render(<KioskScreen />)
  expect(await screen.findByText('Back door')).toBeTruthy()
  expect(screen.getByText('Tablet by the stairs')).toBeTruthy()
})

it('says so when it stands at no door', async () => {
  fetchMock.mockImplementationOnce(async () => Response.json({ kiosk: { id: 'kiosk-3', name: 'Spare tablet' }, door: null }))
  render(<KioskScreen />)
  expect(await screen.findByText('Spare tablet')).toBeTruthy()
  expect(screen.getByText(/Not at any door: every scan is refused/)).toBeTruthy()
})

async function typeCode(code: string) {
  const input = screen.getByLabelText('Type a pass code instead')
  fireEvent.change(input, { target: { value: code } })
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check code' })))
}

it('answers a typed code even when the camera sent the same one a moment ago, and a typed code twice', async () => {
  render(<KioskScreen />)
  await screen.findByText('Hold your pass up to the camera')
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true })

  act(() => camera.read('PASS_123456'))
  await screen.findByRole('alert')
  await act(async () => vi.advanceTimersByTime(4_000))
  expect(screen.queryByRole('alert')).toBeNull()

  await typeCode('PASS_123456')
  expect((await screen.findByRole('alert')).textContent).toContain('Access granted')
  expect(scansSent()).toBe(2)
  await act(async () => vi.advanceTimersByTime(4_000))

  await typeCode('PASS_123456')
  await screen.findByRole('alert')
  expect(scansSent()).toBe(3)
  // The camera's memory is its own: the pass still held up is not sent again.
  await act(async () => vi.advanceTimersByTime(4_000))
  act(() => camera.read('PASS_123456'))
  expect(scansSent()).toBe(3)
})

it('checks a code typed while a camera read is being checked, once that check is done', async () => {
  let answerCamera: (response: Response) => void = () => undefined
  render(<KioskScreen />)
  await screen.findByText('Hold your pass up to the camera')
  fetchMock.mockImplementationOnce(() => new Promise<Response>((resolve) => (answerCamera = resolve)))

  act(() => camera.read('PASS_111111'))
  await screen.findByText('Checking…')
  await typeCode('PASS_222222')
  await act(async () =>
    answerCamera(Response.json({ granted: false, reason: 'wrong_code', message: 'Wrong code', userName: null, grantedUntil: null })),
  )
  await waitFor(() => expect(scansSent()).toBe(2))
  expect(JSON.parse(String(fetchMock.mock.calls.at(-1)?.[1]?.body))).toEqual({ input: 'PASS_222222' })
  await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Access granted'))
})

it('sends a heartbeat at start, every 30 s and when shown again, and says how to pair again when it is refused', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], shouldAdvanceTime: true })
  render(<KioskScreen />)
  await screen.findByText('Hold your pass up to the camera')
  const heartbeats = () => fetchMock.mock.calls.filter(([url, init]) => url === '/api/kiosk/heartbeat' && init?.method === 'POST')
  expect(heartbeats()).toHaveLength(1)
  expect(new Headers(heartbeats()[0]![1]!.headers).get('authorization')).toBe('Bearer qrd_kiosk_test')
  expect(fetchMock.mock.calls.filter(([url]) => url === '/api/kiosk/me')).toHaveLength(0)

  await act(async () => vi.advanceTimersByTime(30_000))
  expect(heartbeats()).toHaveLength(2)
  expect(screen.getByText('Hold your pass up to the camera')).toBeTruthy()

  await act(async () => document.dispatchEvent(new Event('visibilitychange')))
  expect(heartbeats()).toHaveLength(3)

  fetchMock.mockImplementationOnce(async () =>
    Response.json({ error: { code: 'unauthorized', message: 'Missing or invalid credentials' } }, { status: 401 }),
  )
  await act(async () => vi.advanceTimersByTime(30_000))
  expect(await screen.findByText('This tablet is not paired with a door')).toBeTruthy()
  expect(screen.getByRole('alert').textContent).toMatch(/revoked/)
  expect(localStorage.getItem('qrdoor.kioskToken')).toBeNull()
})
