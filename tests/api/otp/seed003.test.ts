// Seed 003: POST /send-code and /verify-code, every documented answer; e-mail through a real SMTP
// server and SMS through the twilio SDK against a local stand-in.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { POST as sendCode } from '@/app/send-code/route'
import { POST as verifyCode } from '@/app/verify-code/route'
import { db } from '@/lib/db'
import {
  call,
  setEnv,
  startSmtpServer,
  startTwilioStandIn,
  TWILIO_INVALID_NUMBER,
  TWILIO_TEST_FROM,
  TWILIO_TEST_SID,
  TWILIO_TEST_TOKEN,
  frozenClock,
} from './support'

let serial = 0
const newUser = () => `user-${++serial}-${Math.random().toString(36).slice(2, 8)}`
const t0 = new Date('2026-05-01T08:00:00Z')
const later = frozenClock(t0)
const wrong = (code: string) => (code === '000000' ? '000001' : '000000')

async function sendSms(userId: string, phone = '+14155550100'): Promise<string> {
  const answer = await call(sendCode, '/send-code', { body: { user_id: userId, method: 'sms', phone } })
  expect(answer.status).toBe(200)
  return (answer.body as { otp: string }).otp
}

const failure = (userId: string | null, message: string, errorType: string) => ({
  detail: { success: false, message, user_id: userId, error_type: errorType },
})

describe('POST /send-code', () => {
  it('sends a 6-digit code by SMS (demo mode returns it)', async () => {
    const userId = newUser()
    const answer = await call(sendCode, '/send-code', { body: { user_id: userId, method: 'sms', phone: '+14155550100' } })
    expect(answer).toEqual({
      status: 200,
      headers: expect.anything(),
      body: { message: 'OTP sent successfully via sms', user_id: userId, method: 'sms', otp: expect.stringMatching(/^\d{6}$/) },
    })
  })

  it('sends by e-mail, the unused phone field left blank', async () => {
    const userId = newUser()
    const answer = await call(sendCode, '/send-code', {
      body: { user_id: userId, method: 'email', email: 'someone@example.com', phone: '' },
    })
    expect(answer.body).toMatchObject({ message: 'OTP sent successfully via email', user_id: userId, method: 'email' })
    const delivery = await db.delivery.findFirstOrThrow({ where: { recipient: 'someone@example.com' }, orderBy: { createdAt: 'desc' } })
    expect(delivery).toMatchObject({ channel: 'email', status: 'demo', subject: 'Your verification code' })
  })

  const badInput: [string, unknown, number, unknown][] = [
    ['sms without a phone', { user_id: 'u1', method: 'sms' }, 400, failure('u1', 'Phone number is required for SMS', 'invalid_request')],
    [
      'sms with a null phone',
      { user_id: 'u1', method: 'sms', phone: null },
      400,
      failure('u1', 'Phone number is required for SMS', 'invalid_request'),
    ],
    [
      'email without an e-mail',
      { user_id: 'u1', method: 'email', phone: '+14155550100' },
      400,
      failure('u1', 'Email is required for email', 'invalid_request'),
    ],
    [
      'email with a blank e-mail',
      { user_id: 'u1', method: 'email', email: ' ' },
      400,
      failure('u1', 'Email is required for email', 'invalid_request'),
    ],
    [
      'sms with a blank phone',
      { user_id: 'u1', method: 'sms', phone: '', email: '' },
      400,
      failure('u1', 'Phone number is required for SMS', 'invalid_request'),
    ],
    [
      'a missing user_id',
      { method: 'sms', phone: '+14155550100' },
      422,
      { detail: [{ type: 'missing', loc: ['body', 'user_id'], msg: 'Field required' }] },
    ],
    [
      'an unknown method',
      { user_id: 'u1', method: 'fax' },
      422,
      { detail: [{ type: 'invalid_value', loc: ['body', 'method'], msg: 'Invalid option: expected one of "sms"|"email"' }] },
    ],
    [
      'a malformed e-mail',
      { user_id: 'u1', method: 'email', email: 'nope' },
      422,
      { detail: [{ type: 'custom', loc: ['body', 'email'], msg: 'Invalid email address' }] },
    ],
    [
      'a malformed phone',
      { user_id: 'u1', method: 'sms', phone: 'call me' },
      422,
      { detail: [expect.objectContaining({ loc: ['body', 'phone'] })] },
    ],
    ['broken JSON', '{"user_id"', 422, { detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error' }] }],
  ]
  it.each(badInput)('answers %s', async (_, body, status, expected) => {
    const answer = await call(sendCode, '/send-code', { body })
    expect(answer.status).toBe(status)
    expect(answer.body).toEqual(expected)
  })
})

describe('POST /verify-code', () => {
  it('verifies the right code once, then answers 404', async () => {
    const userId = newUser()
    const otp = await sendSms(userId)
    expect(await call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: otp } })).toMatchObject({
      status: 200,
      body: { success: true, message: 'OTP verified successfully', user_id: userId },
    })
    expect(await call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: otp } })).toMatchObject({
      status: 404,
      body: failure(userId, 'No OTP found for this user or OTP has expired', 'not_found'),
    })
  })

  it('answers 404 for a user without a code', async () => {
    const answer = await call(verifyCode, '/verify-code', { body: { user_id: 'nobody', passcode: '123456' } })
    expect(answer).toMatchObject({ status: 404, body: failure('nobody', 'No OTP found for this user or OTP has expired', 'not_found') })
  })

  it('counts down wrong codes with 400, then answers 429', async () => {
    const userId = newUser()
    const otp = await sendSms(userId)
    const answers = []
    for (let i = 0; i < 4; i++) answers.push(await call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: wrong(otp) } }))
    expect(answers.map((answer) => [answer.status, answer.body])).toEqual([
      [400, failure(userId, 'Invalid OTP. 2 attempts remaining', 'invalid_code')],
      [400, failure(userId, 'Invalid OTP. 1 attempts remaining', 'invalid_code')],
      [400, failure(userId, 'Invalid OTP. 0 attempts remaining', 'invalid_code')],
      [429, failure(userId, 'Too many failed attempts', 'too_many_attempts')],
    ])
    expect((await call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: otp } })).status).toBe(429)
  })

  it('answers 410 after 5 minutes', async () => {
    later(0)
    const userId = newUser()
    const otp = await sendSms(userId)
    later(300)
    expect(await call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: otp } })).toMatchObject({
      status: 410,
      body: failure(userId, 'OTP has expired', 'expired'),
    })
  })

  it('only accepts the latest code sent to a user', async () => {
    const userId = newUser()
    const first = await sendSms(userId)
    const second = await sendSms(userId)
    if (first !== second) {
      expect((await call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: first } })).status).toBe(400)
    }
    expect((await call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: second } })).status).toBe(200)
  })

  it('answers 422 for a numeric passcode (a string is expected)', async () => {
    const answer = await call(verifyCode, '/verify-code', { body: { user_id: 'u', passcode: 123456 } })
    expect(answer).toMatchObject({
      status: 422,
      body: { detail: [{ type: 'invalid_type', loc: ['body', 'passcode'], msg: 'Invalid input: expected string, received number' }] },
    })
  })

  it('lets exactly one of 40 parallel right answers through', async () => {
    const userId = newUser()
    const otp = await sendSms(userId)
    const restore = setEnv({ RATE_LIMIT_SUBJECT_PER_HOUR: 100 })
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, () => call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: otp } })),
      )
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1)
      expect(answers.filter((answer) => answer.status === 404)).toHaveLength(39)
    } finally {
      restore()
    }
  })

  it('counts exactly 3 of 40 parallel wrong answers', async () => {
    const userId = newUser()
    const otp = await sendSms(userId)
    const restore = setEnv({ RATE_LIMIT_SUBJECT_PER_HOUR: 100 })
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, () => call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: wrong(otp) } })),
      )
      expect(answers.filter((answer) => answer.status === 400)).toHaveLength(3)
      expect(answers.filter((answer) => answer.status === 429)).toHaveLength(37)
      expect((await db.otpChallenge.findFirstOrThrow({ where: { scope: 'seed003', subject: userId } })).attempts).toBe(3)
    } finally {
      restore()
    }
  })

  it('answers 429 in its own shape past the per-user limit', async () => {
    const restore = setEnv({ RATE_LIMIT_SUBJECT_PER_HOUR: 2 })
    try {
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push(await call(verifyCode, '/verify-code', { body: { user_id: 'limited', passcode: '1' } }))
      expect(statuses.map((answer) => answer.status)).toEqual([404, 404, 429])
      expect(statuses[2]!.body).toEqual(failure('limited', 'Too many requests, please try again later', 'rate_limited'))
      expect(statuses[2]!.headers.get('retry-after')).toMatch(/^\d+$/)
    } finally {
      restore()
    }
  })
})

describe('with real providers', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let twilio: Awaited<ReturnType<typeof startTwilioStandIn>>
  let restore: () => void
  beforeAll(async () => {
    smtp = await startSmtpServer()
    twilio = await startTwilioStandIn()
    restore = setEnv({
      OTP_DEMO_MODE: undefined,
      SMTP_SERVER: '127.0.0.1',
      SMTP_PORT: smtp.port,
      SMTP_SECURE: false,
      EMAIL_ADDRESS: 'door@example.com',
      EMAIL_PASSWORD: 'smtp-password',
      TWILIO_ACCOUNT_SID: TWILIO_TEST_SID,
      TWILIO_AUTH_TOKEN: TWILIO_TEST_TOKEN,
      TWILIO_PHONE_NUMBER: TWILIO_TEST_FROM,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      APP_ORIGIN: undefined,
    })
  })
  afterAll(async () => {
    restore()
    await smtp.close()
    await twilio.close()
  })

  it('e-mails the code in plain text and HTML, and not in the answer', async () => {
    const userId = newUser()
    const answer = await call(sendCode, '/send-code', { body: { user_id: userId, method: 'email', email: 'alice@example.com' } })
    expect(answer).toMatchObject({ status: 200, body: { message: 'OTP sent successfully via email', user_id: userId, method: 'email' } })
    expect(answer.body).not.toHaveProperty('otp')
    const mail = smtp.messages.find((message) => message.to.includes('alice@example.com'))!
    expect(mail.from).toBe('door@example.com')
    expect(mail.raw).toMatch(/^Subject: Your verification code$/m)
    expect(mail.raw).toMatch(/multipart\/alternative/)
    expect(mail.raw).toMatch(/text\/plain/)
    expect(mail.raw).toMatch(/text\/html/)
    const code = mail.raw.match(/Your verification code is: (\d{6})/)![1]!
    const decoded = mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    expect(decoded).toContain(`letter-spacing:0.15em">${code}</strong>`)
    const delivery = await db.delivery.findFirstOrThrow({ where: { recipient: 'alice@example.com', status: 'sent' } })
    expect(delivery.providerId).toMatch(/^<.+@.+>$/)
    expect(delivery.body).toBeNull()
    expect((await call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: code } })).status).toBe(200)
  })

  it('texts the seed’s SMS sentence with the WebOTP line', async () => {
    const userId = newUser()
    const answer = await call(sendCode, '/send-code', { body: { user_id: userId, method: 'sms', phone: '+14155550142' } })
    expect(answer.status).toBe(200)
    const sms = twilio.messages.find((message) => message.to === '+14155550142')!
    const code = sms.body.match(/^Your verification code is: (\d{6})\. This code expires in 5 minutes\.\n\n@localhost #(\d{6})$/)!
    expect(code[1]).toBe(code[2])
    expect((await call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: code[1] } })).status).toBe(200)
  })

  it('answers 502 with Twilio’s reason (21211) and leaves no usable code', async () => {
    const userId = newUser()
    const answer = await call(sendCode, '/send-code', { body: { user_id: userId, method: 'sms', phone: TWILIO_INVALID_NUMBER } })
    expect(answer).toMatchObject({
      status: 502,
      body: failure(
        userId,
        `Failed to send OTP via sms: Twilio error 21211: The 'To' number ${TWILIO_INVALID_NUMBER} is not a valid phone number.`,
        'delivery_failed',
      ),
    })
    expect((await call(verifyCode, '/verify-code', { body: { user_id: userId, passcode: '000000' } })).status).toBe(404)
  })

  it('answers 502 when the SMTP server does not answer in time', async () => {
    const silent = await startSmtpServer({ greet: false })
    const restoreSmtp = setEnv({ SMTP_PORT: silent.port, DELIVERY_TIMEOUT_MS: 300 })
    try {
      vi.useRealTimers()
      const userId = newUser()
      const started = Date.now()
      const answer = await call(sendCode, '/send-code', { body: { user_id: userId, method: 'email', email: 'late@example.com' } })
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(answer.status).toBe(502)
      expect((answer.body as { detail: { message: string } }).detail.message).toMatch(/^Failed to send OTP via email: /)
      expect(await db.delivery.findFirstOrThrow({ where: { recipient: 'late@example.com' } })).toMatchObject({ status: 'failed' })
    } finally {
      vi.useFakeTimers({ toFake: ['Date'] })
      restoreSmtp()
      await silent.close()
    }
  })

  it('answers 503 for a channel that is not configured', async () => {
    const restoreMail = setEnv({ SMTP_SERVER: undefined })
    try {
      const answer = await call(sendCode, '/send-code', { body: { user_id: 'u9', method: 'email', email: 'x@example.com' } })
      expect(answer).toMatchObject({ status: 503, body: failure('u9', 'E-mail delivery is not configured', 'channel_unavailable') })
    } finally {
      restoreMail()
    }
  })
})
