// Sign-in answers known and unknown addresses alike and at once, whatever the provider does: a
// known address's code is written to the outbox with the code itself and sent after the answer.
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { POST as login } from '@/app/api/auth/login/route'
import { POST as verify } from '@/app/api/auth/verify/route'
import { db } from '@/lib/db'
import { DELIVERY_ATTEMPTS, outboxSettled, sendDueDeliveries } from '@/lib/delivery/outbox'
import { setEnv, startSmtpServer, startTwilioStandIn, TWILIO_TEST_FROM, TWILIO_TEST_SID, TWILIO_TEST_TOKEN } from './otp/support'

const none = { params: Promise.resolve({}) }
let ipCounter = 0
const post = (path: string, body: unknown, origin = 'http://localhost') =>
  new Request(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${++ipCounter}`, origin },
    body: JSON.stringify(body),
  })

const smtpEnv = (port: number) => ({
  OTP_DEMO_MODE: false,
  SMTP_SERVER: '127.0.0.1',
  SMTP_PORT: port,
  EMAIL_ADDRESS: 'door@example.com',
  DELIVERY_TIMEOUT_MS: 1500,
})

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

let users = 0
async function knownUser(contact: { email?: string; phone?: string }) {
  return db.user.create({ data: { id: `outbox-user-${++users}`, name: 'Known', ...contact } })
}

beforeAll(async () => {
  // Not a fresh install: an unknown address must not be the first admin.
  await db.systemState.create({ data: { key: 'admin-bootstrapped' } })
  vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterAll(async () => {
  await outboxSettled()
  vi.restoreAllMocks()
})

describe('signing in with a provider configured', () => {
  it('answers a known address at once, with the same body as an unknown one, while the SMTP server never answers', async () => {
    const smtp = await startSmtpServer({ greet: false })
    // Before, the answer waited for this time-out and then said 502; now it does not wait at all.
    const restore = setEnv({ ...smtpEnv(smtp.port), DELIVERY_TIMEOUT_MS: 5000 })
    let closed = false
    try {
      await knownUser({ email: 'xy1@hang.example' })
      const startedAt = performance.now()
      const known = await login(post('/api/auth/login', { address: 'xy1@hang.example' }), none)
      const knownMs = performance.now() - startedAt
      const unknown = await login(post('/api/auth/login', { address: 'xy2@hang.example' }), none)
      expect(known.status).toBe(200)
      expect(unknown.status).toBe(200)
      expect(await known.json()).toEqual(await unknown.json())
      expect(knownMs).toBeLessThan(1500)

      // The message was in the outbox when the answer came, sealed (it holds the code).
      const queued = await db.delivery.findFirstOrThrow({ where: { recipient: 'xy1@hang.example' } })
      expect(queued).toMatchObject({ status: 'queued', channel: 'email', subject: 'Your verification code' })
      expect(queued.payload).toEqual(expect.any(String))
      expect(queued.payload).not.toMatch(/verification code/i)
      expect(await db.delivery.count({ where: { recipient: 'xy2@hang.example' } })).toBe(0)

      // The server hangs up without a word: the send fails, to be tried again later.
      await smtp.close()
      closed = true
      await outboxSettled()
      const tried = await db.delivery.findUniqueOrThrow({ where: { id: queued.id } })
      expect(tried).toMatchObject({ status: 'queued', attempts: 1, error: expect.any(String) })
      expect(tried.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now())
    } finally {
      restore()
      if (!closed) await smtp.close()
    }
  })

  it('sends the code after the answer, and the code signs in', async () => {
    const smtp = await startSmtpServer()
    const restore = setEnv(smtpEnv(smtp.port))
    try {
      const user = await knownUser({ email: 'works@mail.example' })
      expect((await login(post('/api/auth/login', { address: 'works@mail.example' }), none)).status).toBe(200)
      await outboxSettled()
      expect(smtp.messages).toHaveLength(1)
      const code = smtp.messages[0]!.raw.match(/verification code is: (\d{6})/)![1]!
      expect(await db.delivery.findFirstOrThrow({ where: { recipient: 'works@mail.example' } })).toMatchObject({
        status: 'sent',
        attempts: 1,
        payload: null,
        error: null,
        providerId: expect.stringMatching(/^<.+>$/),
      })
      const signedIn = await verify(post('/api/auth/verify', { address: 'works@mail.example', code }), none)
      expect(signedIn.status).toBe(200)
      expect(await signedIn.json()).toMatchObject({ user: { id: user.id } })
    } finally {
      restore()
      await smtp.close()
    }
  })

  it('tries again later when the provider is down, and sends once however many workers race for it', async () => {
    const restore = setEnv(smtpEnv(await closedPort()))
    const smtp = await startSmtpServer()
    try {
      await knownUser({ email: 'retry@mail.example' })
      expect((await login(post('/api/auth/login', { address: 'retry@mail.example' }), none)).status).toBe(200)
      await outboxSettled()
      const failed = await db.delivery.findFirstOrThrow({ where: { recipient: 'retry@mail.example' } })
      expect(failed).toMatchObject({ status: 'queued', attempts: 1, error: expect.stringMatching(/ECONNREFUSED/) })

      setEnv({ SMTP_PORT: smtp.port })
      const later = new Date(failed.nextAttemptAt!.getTime() + 1000)
      await Promise.all(Array.from({ length: 6 }, () => sendDueDeliveries({ db, now: later })))
      expect(smtp.messages.filter((mail) => mail.to.includes('retry@mail.example'))).toHaveLength(1)
      expect(await db.delivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
        status: 'sent',
        attempts: 2,
        payload: null,
      })
    } finally {
      restore()
      await smtp.close()
    }
  })

  it('gives up after the last try and says why', async () => {
    const restore = setEnv(smtpEnv(await closedPort()))
    try {
      await knownUser({ email: 'down@mail.example' })
      expect((await login(post('/api/auth/login', { address: 'down@mail.example' }), none)).status).toBe(200)
      await outboxSettled()
      let now = Date.now()
      for (let attempt = 2; attempt <= DELIVERY_ATTEMPTS + 1; attempt++) {
        now += 3600_000
        await sendDueDeliveries({ db, now: new Date(now) })
      }
      expect(await db.delivery.findFirstOrThrow({ where: { recipient: 'down@mail.example' } })).toMatchObject({
        status: 'failed',
        attempts: DELIVERY_ATTEMPTS,
        payload: null,
        nextAttemptAt: null,
        error: expect.stringMatching(/ECONNREFUSED/),
      })
    } finally {
      restore()
    }
  })
})

describe('the SMS WebOTP line', () => {
  it('names the host the page was served from when APP_ORIGIN is not set, and APP_ORIGIN when it is', async () => {
    const twilio = await startTwilioStandIn()
    const restore = setEnv({
      OTP_DEMO_MODE: false,
      APP_ORIGIN: undefined,
      TWILIO_ACCOUNT_SID: TWILIO_TEST_SID,
      TWILIO_AUTH_TOKEN: TWILIO_TEST_TOKEN,
      TWILIO_PHONE_NUMBER: TWILIO_TEST_FROM,
      TWILIO_API_BASE_URL: twilio.baseUrl,
    })
    try {
      await knownUser({ phone: '+14155550142' })
      await knownUser({ phone: '+14155550143' })
      const served = await login(post('/api/auth/login', { address: '+14155550142' }, 'http://door.example.test:8080'), none)
      expect(served.status).toBe(200)
      setEnv({ APP_ORIGIN: 'https://door.example.com' })
      expect((await login(post('/api/auth/login', { address: '+14155550143' }, 'http://10.0.0.5:3000'), none)).status).toBe(200)
      await outboxSettled()
      const lines = Object.fromEntries(twilio.messages.map((sms) => [sms.to, sms.body.split('\n').pop()]))
      const codeOf = (to: string) => twilio.messages.find((sms) => sms.to === to)!.body.match(/is: (\d{6})/)![1]
      expect(lines).toEqual({
        '+14155550142': `@door.example.test #${codeOf('+14155550142')}`,
        '+14155550143': `@door.example.com #${codeOf('+14155550143')}`,
      })
    } finally {
      restore()
      await twilio.close()
    }
  })
})
