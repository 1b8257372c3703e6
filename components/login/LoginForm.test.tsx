import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LoginForm } from './LoginForm'

const codeSent = {
  channel: 'email',
  sentTo: 'a••@example.com',
  expiresInSeconds: 600,
  resendAfterSeconds: 30,
  createsFirstAdmin: false,
}

const apiError = (status: number, code: string, message: string, extra: { details?: unknown; headers?: HeadersInit } = {}) =>
  Response.json({ error: { code, message, ...(extra.details ? { details: extra.details } : {}) } }, { status, headers: extra.headers })

const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>()

beforeEach(() => vi.stubGlobal('fetch', fetchMock))
afterEach(() => {
  vi.unstubAllGlobals()
  fetchMock.mockReset()
})

async function askForCode(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('E-mail or phone number'), 'ada@example.com')
  await user.click(screen.getByRole('button', { name: 'Send code' }))
}

async function renderAtCodeStep() {
  const user = userEvent.setup()
  render(<LoginForm />)
  fetchMock.mockResolvedValueOnce(Response.json(codeSent))
  await askForCode(user)
  await screen.findByLabelText('Code')
  return user
}

describe('LoginForm', () => {
  it('sends the address, says so while sending, then asks for the code', async () => {
    const user = userEvent.setup()
    render(<LoginForm />)
    const send = screen.getByRole('button', { name: 'Send code' })
    expect(send).toHaveProperty('disabled', true)

    let answer!: (response: Response) => void
    fetchMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)))
    await askForCode(user)
    expect(screen.getByRole('button', { name: 'Sending…' })).toHaveProperty('disabled', true)
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/auth/login')
    expect(JSON.parse(String(init?.body))).toEqual({ address: 'ada@example.com' })

    answer(Response.json(codeSent))
    expect((await screen.findByRole('status')).textContent).toBe(
      'If this address may sign in, we sent a code by e-mail to a••@example.com. It is valid for 10 minutes.',
    )
    const code = screen.getByLabelText('Code')
    expect(code.getAttribute('autocomplete')).toBe('one-time-code')
    await waitFor(() => expect(document.activeElement).toBe(code))
    expect(screen.getByRole('button', { name: /^Send a new code in \d+ s$/ })).toHaveProperty('disabled', true)
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', true)
  })

  it('shows a wrong code with the tries left, tied to the code input', async () => {
    const user = await renderAtCodeStep()
    fetchMock.mockResolvedValueOnce(apiError(400, 'bad_request', 'That code is not right. 2 tries left.', { details: { attemptsLeft: 2 } }))
    await user.type(screen.getByLabelText('Code'), '000000')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe('That code is not right. 2 tries left.')
    expect(screen.getByLabelText('Code').getAttribute('aria-describedby')).toBe(alert.id)
    // The message already counts the tries: no second line saying it again.
    expect(screen.queryByText('2 tries left')).toBeNull()
    expect(JSON.parse(String(fetchMock.mock.calls[1]?.[1]?.body))).toEqual({ address: 'ada@example.com', code: '000000' })
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false)
  })

  it('counts the tries left itself when the message does not', async () => {
    const user = await renderAtCodeStep()
    fetchMock.mockResolvedValueOnce(apiError(400, 'bad_request', 'That code is not right.', { details: { attemptsLeft: 1 } }))
    await user.type(screen.getByLabelText('Code'), '000000')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByText('1 try left')).toBeTruthy()
  })

  it('says when to ask again after too many requests, and stays on the address', async () => {
    const user = userEvent.setup()
    render(<LoginForm />)
    fetchMock.mockResolvedValueOnce(
      apiError(429, 'rate_limited', 'Wait 42 s before asking for another code', { headers: { 'Retry-After': '42' } }),
    )
    await askForCode(user)

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe('Wait 42 s before asking for another code')
    expect(screen.getByLabelText('E-mail or phone number').getAttribute('aria-describedby')).toBe(alert.id)
    expect(screen.queryByLabelText('Code')).toBeNull()
  })

  it('says when tries are used up', async () => {
    const user = await renderAtCodeStep()
    fetchMock.mockResolvedValueOnce(
      apiError(429, 'rate_limited', 'Too many wrong codes. Ask for a new code.', { details: { attemptsLeft: 0 } }),
    )
    await user.type(screen.getByLabelText('Code'), '123456')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Too many wrong codes. Ask for a new code.')
  })

  it('keeps every digit of a pasted code, without its spaces and dashes', async () => {
    const user = await renderAtCodeStep()
    const input = screen.getByLabelText('Code') as HTMLInputElement
    await user.click(input)
    await user.paste(' 023 004')
    expect(input.value).toBe('023004')
    await user.clear(input)
    await user.paste('123-456-789')
    expect(input.value).toBe('123456')
  })

  it('says what is wrong with a code that is not 6 digits', async () => {
    const user = await renderAtCodeStep()
    fetchMock.mockResolvedValueOnce(
      Response.json(
        {
          error: {
            code: 'bad_request',
            message: 'The request does not match the schema',
            issues: [{ path: 'code', message: 'Enter the 6 digits of the code' }],
          },
        },
        { status: 400 },
      ),
    )
    await user.type(screen.getByLabelText('Code'), '12')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the 6 digits of the code')
  })

  it('shows a lock-out with its end, and neither checks nor sends codes until then', async () => {
    const user = await renderAtCodeStep()
    const lockedUntil = new Date(Date.now() + 58 * 60_000)
    fetchMock.mockResolvedValueOnce(
      apiError(429, 'rate_limited', 'That code is not right. Too many wrong codes for this address: try again in 58 min.', {
        details: { attemptsLeft: 0, retryAfterSeconds: 3480, lockedUntil: lockedUntil.toISOString() },
        headers: { 'Retry-After': '3480' },
      }),
    )
    await user.type(screen.getByLabelText('Code'), '000000')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    expect((await screen.findByRole('alert')).textContent).toBe(
      'That code is not right. Too many wrong codes for this address: try again in 58 min.',
    )
    const time = lockedUntil.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    expect(screen.getByTestId('locked-until').textContent).toBe(
      `Locked out until ${time}: no code is sent or checked for this address until then.`,
    )
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', true)
    expect(screen.getByRole('button', { name: 'Send a new code' })).toHaveProperty('disabled', true)
    expect(screen.queryByText(/tries? left/)).toBeNull()
  })

  it('shows a lock-out when asking for a code', async () => {
    const user = userEvent.setup()
    render(<LoginForm />)
    const lockedUntil = new Date(Date.now() + 59 * 60_000)
    fetchMock.mockResolvedValueOnce(
      apiError(429, 'rate_limited', 'Too many wrong codes for this address. Try again in 59 min.', {
        details: { retryAfterSeconds: 3540, lockedUntil: lockedUntil.toISOString() },
        headers: { 'Retry-After': '3540' },
      }),
    )
    await askForCode(user)
    expect((await screen.findByRole('alert')).textContent).toBe('Too many wrong codes for this address. Try again in 59 min.')
    expect(screen.getByTestId('locked-until').textContent).toContain(
      lockedUntil.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
    )
    expect(screen.queryByLabelText('Code')).toBeNull()
  })

  it('says when the server cannot be reached, and lets the person try again', async () => {
    const user = userEvent.setup()
    render(<LoginForm />)
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await askForCode(user)

    expect((await screen.findByRole('alert')).textContent).toBe('Cannot reach the server. Check the connection and try again.')
    expect(screen.getByRole('button', { name: 'Send code' })).toHaveProperty('disabled', false)
  })
})
