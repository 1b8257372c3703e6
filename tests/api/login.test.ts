import { describe, expect, it } from 'vitest'
import { POST as login } from '@/app/api/auth/login/route'
import { POST as logout } from '@/app/api/auth/logout/route'
import { GET as session } from '@/app/api/auth/session/route'
import { POST as verify } from '@/app/api/auth/verify/route'
import { db } from '@/lib/db'
import { LOGIN_POLICY, startLogin, verifyLogin } from '@/lib/login/login'

const noParams = { params: Promise.resolve({}) }
let ipCounter = 0
const post = (body: unknown, ip = `198.51.100.${++ipCounter % 250}`) =>
  new Request('http://localhost/api/auth', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, origin: 'http://localhost' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const limits = { perIpPerMinute: 1000, perAddressPerHour: 1000 }

async function signIn(address: string) {
  const started = await (await login(post({ address }), noParams)).json()
  const response = await verify(post({ address, code: started.demoCode }), noParams)
  return { started, response, cookie: response.headers.get('set-cookie')!.split(';')[0]! }
}

describe('login', () => {
  it('creates the admin on the first login of a fresh install, then only known users get codes', async () => {
    const first = await signIn('Founder@Example.com')
    expect(first.started).toMatchObject({ channel: 'email', sentTo: 'fo•••••@example.com', createsFirstAdmin: true })
    expect(first.started.demoCode).toMatch(/^\d{6}$/)
    expect(first.response.status).toBe(200)
    expect(await first.response.json()).toMatchObject({ createdAdmin: true, user: { role: 'admin', name: 'founder' } })
    expect(first.response.headers.get('set-cookie')).toMatch(/^qrdoor_session=qrd_session_.+; Path=\/; HttpOnly; SameSite=Lax/)

    const stranger = await (await login(post({ address: 'stranger@example.com' }), noParams)).json()
    const known = await db.user.create({ data: { id: 'known-user', email: 'known@example.com', name: 'Known' } })
    const knownAnswer = await (await login(post({ address: known.email! }), noParams)).json()
    const { demoCode, ...knownShape } = knownAnswer
    expect(demoCode).toMatch(/^\d{6}$/)
    // Same answer for a stranger as for a known user, except that nothing was sent.
    expect(Object.keys(stranger).sort()).toEqual(Object.keys(knownShape).sort())
    expect(stranger).toMatchObject({ channel: 'email', createsFirstAdmin: false })
    // Nothing went out to the stranger, though the steps (and their limits) were the same.
    expect(await db.delivery.count({ where: { recipient: 'stranger@example.com' } })).toBe(0)
    expect(await db.delivery.count({ where: { recipient: 'known@example.com' } })).toBe(1)
  })

  it('signs a user in with the code, shows the session and signs out', async () => {
    await db.user.create({ data: { id: 'phone-user', phone: '+14155550100', name: 'Phoebe' } })
    const { response, cookie } = await signIn('+1 415 555 0100')
    expect(await response.json()).toMatchObject({ user: { id: 'phone-user', role: 'user' }, createdAdmin: false })
    const withCookie = new Request('http://localhost/api/auth/session', { headers: { cookie } })
    expect(await (await session(withCookie, noParams)).json()).toEqual({
      user: { id: 'phone-user', name: 'Phoebe', role: 'user' },
    })
    const out = await logout(
      new Request('http://localhost/api/auth/logout', { method: 'POST', headers: { cookie, origin: 'http://localhost' } }),
      noParams,
    )
    expect(out.headers.get('set-cookie')).toMatch(/Expires=Thu, 01 Jan 1970/)
    expect((await session(new Request('http://localhost/api/auth/session', { headers: { cookie } }), noParams)).status).toBe(401)
  })

  it('signs in a user stored as +44… who types the number with 00 for +', async () => {
    await db.user.create({ data: { id: 'uk-user', phone: '+442079460958', name: 'Wendy' } })
    const { started, response } = await signIn('0044 20 7946 0958')
    expect(started).toMatchObject({ channel: 'sms', sentTo: '+44••••58', demoCode: expect.stringMatching(/^\d{6}$/) })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ user: { id: 'uk-user', name: 'Wendy' }, createdAdmin: false })
  })

  it('counts wrong codes and ends the code after the limit', async () => {
    await db.user.create({ data: { id: 'guesser', email: 'guesser@example.com', name: 'G' } })
    const started = await (await login(post({ address: 'guesser@example.com' }), noParams)).json()
    const wrong = started.demoCode === '000000' ? '111111' : '000000'
    const first = await verify(post({ address: 'guesser@example.com', code: wrong }), noParams)
    expect(first.status).toBe(400)
    expect(await first.json()).toEqual({
      error: { code: 'bad_request', message: 'That code is not right. 4 tries left.', details: { attemptsLeft: 4 } },
    })
    for (let i = 0; i < 3; i++) await verify(post({ address: 'guesser@example.com', code: wrong }), noParams)
    const last = await verify(post({ address: 'guesser@example.com', code: wrong }), noParams)
    expect((await last.json()).error.message).toBe('That code is not right, and that was the last try. Ask for a new code.')
    const locked = await verify(post({ address: 'guesser@example.com', code: started.demoCode }), noParams)
    expect(locked.status).toBe(429)
    expect((await locked.json()).error.message).toBe('Too many wrong codes. Ask for a new code.')
  })

  it('makes the caller wait before another code', async () => {
    await db.user.create({ data: { id: 'impatient', email: 'impatient@example.com', name: 'I' } })
    expect((await login(post({ address: 'impatient@example.com' }), noParams)).status).toBe(200)
    const again = await login(post({ address: 'impatient@example.com' }), noParams)
    expect(again.status).toBe(429)
    const wait = Number(again.headers.get('retry-after'))
    expect(wait).toBeGreaterThan(0)
    expect(await again.json()).toEqual({
      error: { code: 'rate_limited', message: `Wait ${wait} s before asking for another code`, details: { retryAfterSeconds: wait } },
    })
  })

  it('locks the address out after 10 wrong codes in an hour, saying until when', async () => {
    await db.user.create({ data: { id: 'locked', email: 'locked@example.com', name: 'L' } })
    const t0 = new Date('2026-05-01T10:00:00Z')
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)
    const attempt = { db, input: 'locked@example.com', ip: '203.0.113.9', sessionTtlHours: 1, limits }
    let demoCode = ''
    for (const round of [0, 1]) {
      demoCode = (await startLogin({ ...attempt, now: at(round * 60) })).demoCode!
      const wrong = demoCode === '000000' ? '111111' : '000000'
      for (let i = 0; i < LOGIN_POLICY.maxAttempts; i++) {
        const status = round === 1 && i === LOGIN_POLICY.maxAttempts - 1 ? 429 : 400
        await expect(verifyLogin({ ...attempt, now: at(round * 60 + 1), code: wrong })).rejects.toMatchObject({ status })
      }
    }
    // No new code while it lasts, and the last one is refused even when right. The first wrong code
    // (at 1 s) frees its slot an hour later: 3600 + 1 - 120 = 3481 s (59 min), then 3480 s (58 min).
    await expect(startLogin({ ...attempt, now: at(120) })).rejects.toMatchObject({
      status: 429,
      message: 'Too many wrong codes for this address. Try again in 59 min.',
      options: { headers: { 'Retry-After': '3481' } },
    })
    const locked = await verifyLogin({ ...attempt, now: at(121), code: demoCode }).catch((error: unknown) => error)
    expect(locked).toMatchObject({
      status: 429,
      message: 'Too many wrong codes for this address. Try again in 58 min.',
      options: { headers: { 'Retry-After': '3480' }, detail: { attemptsLeft: 0, lockedUntil: at(3601).toISOString() } },
    })
  })

  it.each([
    [{}, 400],
    [{ address: 'nobody' }, 400],
    ['{broken', 400],
  ])('answers bad input %j with %i and a JSON error', async (body, status) => {
    const response = await login(post(body), noParams)
    expect(response.status).toBe(status)
    expect((await response.json()).error.code).toMatch(/bad_request|invalid_json/)
  })

  it('makes ADMIN_EMAIL an admin on its first login, and refuses disabled users', async () => {
    const now = new Date()
    const started = await startLogin({ db, now, input: 'boss@example.com', ip: '203.0.113.1', adminEmail: 'boss@example.com', limits })
    const result = await verifyLogin({
      db,
      now,
      input: 'boss@example.com',
      code: started.demoCode!,
      ip: '203.0.113.1',
      adminEmail: 'boss@example.com',
      sessionTtlHours: 1,
      limits,
    })
    expect(result.user.role).toBe('admin')

    await db.user.create({ data: { id: 'off', email: 'off@example.com', name: 'Off', disabled: true } })
    const disabled = await startLogin({ db, now, input: 'off@example.com', ip: '203.0.113.1', limits })
    expect(disabled.demoCode).toBeUndefined()
  })

  it('rate limits sign-in attempts per IP', async () => {
    const tight = { perIpPerMinute: 2, perAddressPerHour: 100 }
    const now = new Date()
    const attempt = (n: number) => startLogin({ db, now, input: `nobody${n}@example.com`, ip: '192.0.2.77', limits: tight })
    await attempt(1)
    await attempt(2)
    await expect(attempt(3)).rejects.toMatchObject({ status: 429, message: 'Too many requests' })
  })
})

describe('login cannot be used to learn who has an account', () => {
  it('makes an unknown address wait before another code, as a known one does', async () => {
    await db.user.create({ data: { id: 'wait-known', email: 'wait-known@example.com', name: 'K' } })
    for (const address of ['wait-known@example.com', 'wait-unknown@example.com']) {
      expect((await login(post({ address }), noParams)).status).toBe(200)
      expect((await login(post({ address }), noParams)).status).toBe(429)
    }
  })

  it('counts tries on an unknown address as on a known one', async () => {
    await db.user.create({ data: { id: 'tries-known', email: 'tries-known@example.com', name: 'K' } })
    const answers = []
    for (const address of ['tries-known@example.com', 'tries-unknown@example.com']) {
      await login(post({ address }), noParams)
      answers.push(await (await verify(post({ address, code: '000000' }), noParams)).json())
    }
    // (A 1-in-a-million chance that 000000 is the known address's code is not worth a retry loop.)
    expect(answers[1]).toEqual(answers[0])
    expect(answers[0].error.message).toBe('That code is not right. 4 tries left.')
  })

  it('refuses sign-in requests from other sites', async () => {
    const crossSite = new Request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: JSON.stringify({ address: 'victim@example.com' }),
    })
    expect((await login(crossSite, noParams)).status).toBe(403)
  })
})

describe('the first admin', () => {
  it('is created once, however many first logins race', async () => {
    // This file's first test already bootstrapped an admin: start from a clean slate.
    await db.session.deleteMany()
    await db.user.deleteMany()
    await db.systemState.deleteMany()
    const now = new Date()
    const addresses = Array.from({ length: 8 }, (_, i) => `racer${i}@example.com`)
    const codes = await Promise.all(
      addresses.map((input) => startLogin({ db, now, input, ip: '203.0.113.50', limits }).then((r) => r.demoCode!)),
    )
    const results = await Promise.allSettled(
      addresses.map((input, i) => verifyLogin({ db, now, input, code: codes[i]!, ip: '203.0.113.50', sessionTtlHours: 1, limits })),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(await db.user.count({ where: { role: 'admin' } })).toBe(1)
    // Once claimed, the rule never opens again, even with no admin left.
    await db.user.updateMany({ data: { role: 'user' } })
    const later = await startLogin({ db, now, input: 'late@example.com', ip: '203.0.113.51', limits })
    expect(later).toMatchObject({ createsFirstAdmin: false })
    expect(later.demoCode).toBeUndefined()
  })

  it('is only ADMIN_EMAIL when that is set', async () => {
    await db.session.deleteMany()
    await db.user.deleteMany()
    await db.systemState.deleteMany()
    const now = new Date()
    const stranger = await startLogin({ db, now, input: 'eve@example.com', ip: '203.0.113.60', adminEmail: 'boss@example.com', limits })
    expect(stranger).toMatchObject({ createsFirstAdmin: false })
    expect(stranger.demoCode).toBeUndefined()
    expect(await db.user.count()).toBe(0)
  })
})
