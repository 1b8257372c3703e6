// Wrong sign-in codes lock an address per network (10 an hour) and overall (100 an hour), decided by
// the database; the lock-out is said with its end, stops new codes, and an admin can lift it.
import { describe, expect, it } from 'vitest'
import { POST as liftLockout } from '@/app/api/admin/users/[id]/lift-lockout/route'
import { POST as login } from '@/app/api/auth/login/route'
import { POST as verify } from '@/app/api/auth/verify/route'
import { db } from '@/lib/db'
import { LOGIN_GUESS_RULES, loginGuessBudgets } from '@/lib/login/guess-budgets'
import { startLogin, verifyLogin } from '@/lib/login/login'
import { claimSlots, slotKeys, type GuessBudget } from '@/lib/otp/sliding-window'
import { apiKeyCredentials, call, params } from './door/fixtures'

const limits = { perIpPerMinute: 10_000, perAddressPerHour: 10_000 }
const t0 = new Date('2026-05-01T10:00:00Z')
const at = (seconds: number, from = t0) => new Date(from.getTime() + seconds * 1000)
let counter = 0
const newAddress = (name: string) => `${name}-${++counter}@example.com`

async function heldSlots(budget: GuessBudget, now: Date): Promise<number> {
  return db.rateLimitCounter.count({ where: { key: { in: slotKeys(budget.rule, budget.subject) }, expiresAt: { gt: now } } })
}

const start = (input: string, ip: string, now: Date) => startLogin({ db, now, input, ip, limits })
type Answer = { message?: string; status?: number; user?: { id: string } }
const check = (input: string, ip: string, now: Date, code: string): Promise<Answer> =>
  verifyLogin({ db, now, input, ip, code, sessionTtlHours: 1, limits }).then(
    (result): Answer => result,
    (error: unknown) => error as Answer,
  )
const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000')

/** Five wrong codes on one new code: the most one code takes. */
async function spendOneCode(input: string, ip: string, now: Date) {
  const { demoCode } = await start(input, ip, now)
  const answers = []
  for (let i = 0; i < 5; i++) answers.push(await check(input, ip, at(1, now), wrongFor(demoCode!)))
  return answers
}

describe('wrong sign-in codes per address and network', () => {
  it('lock the address from that network after ten, saying until when, while its owner signs in from another', async () => {
    const address = newAddress('owner')
    await db.user.create({ data: { id: `user-${counter}`, email: address, name: 'Owner' } })
    const stranger = '203.0.113.7'
    await spendOneCode(address, stranger, t0)
    const { demoCode } = await start(address, stranger, at(31))
    for (const left of ['4 tries', '3 tries', '2 tries', '1 try']) {
      expect(await check(address, stranger, at(32), wrongFor(demoCode!))).toMatchObject({
        status: 400,
        message: `That code is not right. ${left} left.`,
      })
    }
    // The tenth wrong code says at once that the address is locked, and until when: the first
    // wrong code (at 1 s) stops counting an hour later.
    const lockedUntil = at(3601).toISOString()
    expect(await check(address, stranger, at(32), wrongFor(demoCode!))).toMatchObject({
      status: 429,
      message: 'That code is not right. Too many wrong codes for this address: try again in 60 min.',
      options: { headers: { 'Retry-After': '3569' }, detail: { attemptsLeft: 0, lockedUntil } },
    })

    // No new code goes out to that network while the lock-out lasts.
    const deliveries = await db.delivery.count({ where: { recipient: address } })
    const challenges = await db.otpChallenge.count({ where: { subject: address } })
    await expect(start(address, stranger, at(62))).rejects.toMatchObject({
      status: 429,
      message: 'Too many wrong codes for this address. Try again in 59 min.',
      options: { headers: { 'Retry-After': '3539' }, detail: { retryAfterSeconds: 3539, lockedUntil } },
    })
    expect(await db.delivery.count({ where: { recipient: address } })).toBe(deliveries)
    expect(await db.otpChallenge.count({ where: { subject: address } })).toBe(challenges)

    // The owner, on another network, is not locked out by the stranger's guesses.
    const owner = '198.51.100.20'
    const own = await start(address, owner, at(63))
    const signedIn = await check(address, owner, at(64), own.demoCode!)
    expect(signedIn).toMatchObject({ user: { id: `user-${counter}` } })
  })

  it('counts an IPv6 network by its /64', async () => {
    const address = newAddress('v6')
    await spendOneCode(address, '2001:db8:1:2::/64', t0)
    await spendOneCode(address, '2001:db8:1:2::/64', at(31))
    await expect(start(address, '2001:db8:1:2::/64', at(62))).rejects.toMatchObject({ status: 429 })
    expect((await start(address, '2001:db8:1:3::/64', at(93))).demoCode).toMatch(/^\d{6}$/)
  })

  it('lock the address from every network after a hundred an hour', async () => {
    const address = newAddress('everyone')
    let second = 0
    for (let network = 0; network < 10; network++) {
      for (let round = 0; round < 2; round++) {
        await spendOneCode(address, `203.0.113.${100 + network}`, at(second))
        second += 31
      }
    }
    const elsewhere = '198.51.100.99'
    await expect(start(address, elsewhere, at(second))).rejects.toMatchObject({
      status: 429,
      message: expect.stringMatching(/^Too many wrong codes for this address\. Try again in \d+ min\.$/),
    })
    expect(await heldSlots(loginGuessBudgets(address, elsewhere)[1]!, at(second))).toBe(LOGIN_GUESS_RULES.perAddress.limit)
  })
})

describe('wrong sign-in codes racing', () => {
  it('never count more than ten from one network', async () => {
    const address = newAddress('race-net')
    const network = '203.0.113.50'
    const [perNetwork, perAddress] = loginGuessBudgets(address, network)
    for (let i = 0; i < 8; i++) expect((await claimSlots({ db, now: t0, budgets: [perNetwork!] })).ok).toBe(true)
    const { demoCode } = await start(address, network, at(1))
    const answers = await Promise.all(Array.from({ length: 6 }, () => check(address, network, at(2), wrongFor(demoCode!))))
    const counted = answers.filter((answer) => answer.message?.startsWith('That code is not right'))
    expect(counted).toHaveLength(2)
    expect(answers.filter((answer) => answer.message?.startsWith('Too many wrong codes for this address'))).toHaveLength(4)
    expect(await heldSlots(perNetwork!, at(2))).toBe(10)
    expect(await heldSlots(perAddress!, at(2))).toBe(2)
    const challenge = await db.otpChallenge.findFirstOrThrow({ where: { subject: address, consumedAt: null } })
    expect(challenge.attempts).toBe(2)
    // Even the right code is refused now, from that network.
    expect(await check(address, network, at(3), demoCode!)).toMatchObject({ status: 429 })
  })

  it('never count more than a hundred from all networks together', async () => {
    const address = newAddress('race-all')
    const perAddress = loginGuessBudgets(address, 'any')[1]!
    for (let i = 0; i < 98; i++) expect((await claimSlots({ db, now: t0, budgets: [perAddress] })).ok).toBe(true)
    const { demoCode } = await start(address, '203.0.113.60', at(1))
    const networks = ['203.0.113.61', '203.0.113.62', '203.0.113.63', '203.0.113.64']
    const answers = await Promise.all([...networks, ...networks].map((network) => check(address, network, at(2), wrongFor(demoCode!))))
    expect(answers.filter((answer) => answer.message?.startsWith('That code is not right'))).toHaveLength(2)
    expect(await heldSlots(perAddress, at(2))).toBe(100)
    const challenge = await db.otpChallenge.findFirstOrThrow({ where: { subject: address, consumedAt: null } })
    expect(challenge.attempts).toBe(2)
    await expect(start(address, '198.51.100.61', at(40))).rejects.toMatchObject({ status: 429 })
  })

  it('claim a slot of every budget or of none, in one step', async () => {
    const rule = (bucket: string, limit: number) => ({ bucket, limit, windowSeconds: 3600 })
    const subject = `claims-${Math.random().toString(36).slice(2)}`
    const first: GuessBudget = { rule: rule('test-net', 3), subject: `${subject} a` }
    const second: GuessBudget = { rule: rule('test-net', 3), subject: `${subject} b` }
    const overall: GuessBudget = { rule: rule('test-all', 5), subject }
    const claims = await Promise.all([
      ...Array.from({ length: 20 }, () => claimSlots({ db, now: t0, budgets: [first, overall] }).then((c) => ({ from: 'a', ...c }))),
      ...Array.from({ length: 20 }, () => claimSlots({ db, now: t0, budgets: [second, overall] }).then((c) => ({ from: 'b', ...c }))),
    ])
    const won = claims.filter((claim) => claim.ok)
    expect(won).toHaveLength(5)
    const fromA = won.filter((claim) => claim.from === 'a').length
    expect(fromA).toBeLessThanOrEqual(3)
    expect(5 - fromA).toBeLessThanOrEqual(3)
    expect(await heldSlots(overall, t0)).toBe(5)
    // A claim that could not have every slot kept none.
    expect(await heldSlots(first, t0)).toBe(fromA)
    expect(await heldSlots(second, t0)).toBe(5 - fromA)
  })
})

describe('POST /api/admin/users/{id}/lift-lockout', () => {
  it('lets the locked-out address sign in again from every network', async () => {
    const now = new Date()
    const address = newAddress('lifted')
    const user = await db.user.create({ data: { id: `user-${counter}`, email: address, name: 'Lifted' } })
    const network = '203.0.113.70'
    await spendOneCode(address, network, now)
    await spendOneCode(address, network, at(31, now))
    await expect(start(address, network, at(62, now))).rejects.toMatchObject({ status: 429 })

    const api = await apiKeyCredentials()
    const lift = (id: string) => liftLockout(call(`/api/admin/users/${id}/lift-lockout`, api, { method: 'POST' }), params({ id }))
    const response = await lift(user.id)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ wasLockedOut: true, wrongCodesCleared: 10 })
    expect((await start(address, network, at(93, now))).demoCode).toMatch(/^\d{6}$/)
    expect(await (await lift(user.id)).json()).toEqual({ wasLockedOut: false, wrongCodesCleared: 0 })

    const missing = await lift('no-such-user')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No such user' } })
    const anonymous = await liftLockout(call(`/api/admin/users/${user.id}/lift-lockout`, {}, { method: 'POST' }), params({ id: user.id }))
    expect(anonymous.status).toBe(401)
  })
})

describe('malformed sign-in codes', () => {
  const post = (path: string, body: unknown, ip: string) =>
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, origin: 'http://localhost' },
      body: JSON.stringify(body),
    })
  const none = { params: Promise.resolve({}) }

  it('are refused with a clear message, without using up a try', async () => {
    const address = newAddress('shape')
    const ip = '192.0.2.40'
    await db.user.create({ data: { id: `user-${counter}`, email: address, name: 'Shape' } })
    const started = await (await login(post('/api/auth/login', { address }, ip), none)).json()
    for (const code of ['12', '1234567', '12a456', '']) {
      const answer = await verify(post('/api/auth/verify', { address, code }, ip), none)
      expect(answer.status).toBe(400)
      expect(await answer.json()).toMatchObject({
        error: { code: 'bad_request', issues: [{ path: 'code', message: 'Enter the 6 digits of the code' }] },
      })
    }
    const wrong = await verify(post('/api/auth/verify', { address, code: wrongFor(started.demoCode) }, ip), none)
    expect((await wrong.json()).error.message).toBe('That code is not right. 4 tries left.')
  })

  it('are read without the spaces and dashes people paste with them', async () => {
    const address = newAddress('pasted')
    const ip = '192.0.2.41'
    await db.user.create({ data: { id: `user-${counter}`, email: address, name: 'Pasted' } })
    const { demoCode } = await (await login(post('/api/auth/login', { address }, ip), none)).json()
    const pasted = ` ${demoCode.slice(0, 3)} - ${demoCode.slice(3)} `
    const answer = await verify(post('/api/auth/verify', { address, code: pasted }, ip), none)
    expect(answer.status).toBe(200)
  })
})
