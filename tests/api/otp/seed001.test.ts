// Seed 001: POST /otp/generate, /otp/resend, /otp/verify, every documented answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST as generate } from '@/app/otp/generate/route'
import { POST as resend } from '@/app/otp/resend/route'
import { POST as verify } from '@/app/otp/verify/route'
import { db } from '@/lib/db'
import { E164_MESSAGE } from '@/lib/otp/phone'
import {
  call,
  setEnv,
  startTwilioStandIn,
  TWILIO_INVALID_NUMBER,
  TWILIO_TEST_FROM,
  TWILIO_TEST_SID,
  TWILIO_TEST_TOKEN,
  frozenClock,
} from './support'

let serial = 0
const newPhone = () => `+1415555${String(1000 + ++serial)}`
const t0 = new Date('2026-04-01T09:00:00Z')
const later = frozenClock(t0)

function wrong(code: string): string {
  return code === '0000' ? '0001' : '0000'
}

async function generateCode(phone: string): Promise<string> {
  const answer = await call(generate, '/otp/generate', { body: { phone_number: phone } })
  expect(answer.status).toBe(200)
  return (answer.body as { otp: string }).otp
}

describe('POST /otp/generate', () => {
  it('sends a 4-digit code and, in demo mode, returns it', async () => {
    later(0)
    const phone = newPhone()
    const answer = await call(generate, '/otp/generate', { body: { phone_number: phone } })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ detail: 'OTP generated and sent.', otp: expect.stringMatching(/^\d{4}$/) })
    const delivery = await db.delivery.findFirstOrThrow({ where: { recipient: phone } })
    expect(delivery).toMatchObject({ channel: 'sms', status: 'demo' })
    expect(delivery.body).toContain((answer.body as { otp: string }).otp)
  })

  it('normalises the phone number to E.164', async () => {
    const answer = await call(generate, '/otp/generate', { body: { phone_number: ' +1 (415) 555-0199 ' } })
    expect(answer.status).toBe(200)
    const otp = (answer.body as { otp: string }).otp
    expect(await db.delivery.count({ where: { recipient: '+14155550199' } })).toBe(1)
    expect((await call(verify, '/otp/verify', { body: { phone_number: '0014155550199', otp } })).body).toEqual({
      detail: 'OTP verified successfully.',
    })
  })

  it('answers 429 before 60 s and sends again after', async () => {
    later(0)
    const phone = newPhone()
    await generateCode(phone)
    later(45)
    const early = await call(generate, '/otp/generate', { body: { phone_number: phone } })
    expect(early.status).toBe(429)
    expect(early.body).toEqual({ detail: 'Please wait before requesting a new OTP.' })
    expect(early.headers.get('retry-after')).toBe('15')
    later(60)
    expect((await call(generate, '/otp/generate', { body: { phone_number: phone } })).status).toBe(200)
  })

  const schemaCases: [string, unknown, unknown][] = [
    ['a missing phone_number', {}, [{ type: 'missing', loc: ['body', 'phone_number'], msg: 'Field required' }]],
    ['a phone number that is no E.164', { phone_number: '12345' }, [{ type: 'custom', loc: ['body', 'phone_number'], msg: E164_MESSAGE }]],
    [
      'a phone number of the wrong type',
      { phone_number: 14155550123 },
      [{ type: 'invalid_type', loc: ['body', 'phone_number'], msg: 'Invalid input: expected string, received number' }],
    ],
    ['no body', undefined, [{ type: 'missing', loc: ['body'], msg: 'Field required' }]],
    ['broken JSON', '{"phone_number": ', [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error' }]],
  ]
  it.each(schemaCases)('answers 422 for %s', async (_, body, detail) => {
    const answer = await call(generate, '/otp/generate', { body })
    expect(answer).toMatchObject({ status: 422, body: { detail } })
  })
})

describe('POST /otp/resend', () => {
  it('answers 404 when no code was generated', async () => {
    const answer = await call(resend, '/otp/resend', { body: { phone_number: newPhone() } })
    expect(answer).toMatchObject({ status: 404, body: { detail: 'OTP not found. Please generate an OTP first.' } })
  })

  it('answers 429 before 60 s, then sends a new code that replaces the old one', async () => {
    later(0)
    const phone = newPhone()
    const first = await generateCode(phone)
    later(59)
    const early = await call(resend, '/otp/resend', { body: { phone_number: phone } })
    expect(early).toMatchObject({ status: 429, body: { detail: 'Please wait before resending OTP.' } })
    expect(early.headers.get('retry-after')).toBe('1')
    later(60)
    const answer = await call(resend, '/otp/resend', { body: { phone_number: phone } })
    expect(answer).toMatchObject({ status: 200, body: { detail: 'OTP resent.', otp: expect.stringMatching(/^\d{4}$/) } })
    const second = (answer.body as { otp: string }).otp
    if (second !== first) {
      expect((await call(verify, '/otp/verify', { body: { phone_number: phone, otp: first } })).status).toBe(400)
    }
    expect((await call(verify, '/otp/verify', { body: { phone_number: phone, otp: second } })).status).toBe(200)
    later(200)
    expect((await call(resend, '/otp/resend', { body: { phone_number: phone } })).status).toBe(404)
  })
})

describe('POST /otp/verify', () => {
  it('answers 404 for a number without a code', async () => {
    const answer = await call(verify, '/otp/verify', { body: { phone_number: newPhone(), otp: '1234' } })
    expect(answer).toMatchObject({ status: 404, body: { detail: 'OTP not generated for this number.' } })
  })

  it('counts down wrong tries, then answers 403 even for the right code', async () => {
    later(0)
    const phone = newPhone()
    const otp = await generateCode(phone)
    const answers = []
    for (let i = 0; i < 3; i++) answers.push(await call(verify, '/otp/verify', { body: { phone_number: phone, otp: wrong(otp) } }))
    expect(answers.map((answer) => [answer.status, answer.body])).toEqual([
      [400, { detail: 'Invalid OTP. 2 attempt(s) left.' }],
      [400, { detail: 'Invalid OTP. 1 attempt(s) left.' }],
      [400, { detail: 'Invalid OTP. 0 attempt(s) left.' }],
    ])
    expect(await call(verify, '/otp/verify', { body: { phone_number: phone, otp } })).toMatchObject({
      status: 403,
      body: { detail: 'Too many failed attempts, please generate a new OTP.' },
    })
  })

  it('answers 400 once the code is 5 minutes old', async () => {
    later(0)
    const phone = newPhone()
    const otp = await generateCode(phone)
    later(300)
    expect(await call(verify, '/otp/verify', { body: { phone_number: phone, otp } })).toMatchObject({
      status: 400,
      body: { detail: 'OTP expired, please generate a new OTP.' },
    })
  })

  it('accepts the right code once', async () => {
    later(0)
    const phone = newPhone()
    const otp = await generateCode(phone)
    later(299)
    expect(await call(verify, '/otp/verify', { body: { phone_number: phone, otp } })).toMatchObject({
      status: 200,
      body: { detail: 'OTP verified successfully.' },
    })
    expect((await call(verify, '/otp/verify', { body: { phone_number: phone, otp } })).status).toBe(404)
  })

  it('answers 422 without an otp', async () => {
    expect(await call(verify, '/otp/verify', { body: { phone_number: newPhone() } })).toMatchObject({
      status: 422,
      body: { detail: [{ type: 'missing', loc: ['body', 'otp'], msg: 'Field required' }] },
    })
  })

  it('allows at most 10 wrong guesses per number per hour, whatever the resends', async () => {
    const phone = newPhone()
    let otp = ''
    let wrongGuesses = 0
    let step = 0
    // Each round: a fresh code (resends are 60 s apart) and its 3 tries, until the budget is spent.
    while (wrongGuesses < 10) {
      later(step++ * 60)
      const answer = await call(step === 1 ? generate : resend, '/otp/generate', { body: { phone_number: phone } })
      expect(answer.status).toBe(200)
      otp = (answer.body as { otp: string }).otp
      for (let i = 0; i < 3 && wrongGuesses < 10; i++, wrongGuesses++) {
        expect((await call(verify, '/otp/verify', { body: { phone_number: phone, otp: wrong(otp) } })).status).toBe(400)
      }
    }
    const locked = await call(verify, '/otp/verify', { body: { phone_number: phone, otp } })
    expect(locked).toMatchObject({
      status: 429,
      body: { detail: 'Too many failed attempts for this number, please try again later.' },
    })
    expect(Number(locked.headers.get('retry-after'))).toBe(3600 - (step - 1) * 60)
    // Fresh codes do not help until the oldest guess is an hour old.
    later(step * 60)
    otp = ((await call(resend, '/otp/resend', { body: { phone_number: phone } })).body as { otp: string }).otp
    expect((await call(verify, '/otp/verify', { body: { phone_number: phone, otp } })).status).toBe(429)
    later(3600)
    otp = ((await call(resend, '/otp/resend', { body: { phone_number: phone } })).body as { otp: string }).otp
    expect((await call(verify, '/otp/verify', { body: { phone_number: phone, otp } })).status).toBe(200)
  })

  it('lets exactly one of 40 parallel right answers through', async () => {
    later(0)
    const phone = newPhone()
    const otp = await generateCode(phone)
    const answers = await Promise.all(Array.from({ length: 40 }, () => call(verify, '/otp/verify', { body: { phone_number: phone, otp } })))
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1)
    // The others find the code used, or were turned away by the number's guess budget first.
    expect(answers.every((answer) => [200, 404, 429].includes(answer.status))).toBe(true)
  })

  it('counts at most 3 of 40 parallel wrong answers and locks the code', async () => {
    later(0)
    const phone = newPhone()
    const otp = await generateCode(phone)
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => call(verify, '/otp/verify', { body: { phone_number: phone, otp: wrong(otp) } })),
    )
    expect(answers.filter((answer) => answer.status === 400)).toHaveLength(3)
    expect(answers.every((answer) => [400, 403, 429].includes(answer.status))).toBe(true)
    const challenge = await db.otpChallenge.findFirstOrThrow({ where: { scope: 'seed001', subject: phone } })
    expect(challenge.attempts).toBe(3)
    expect((await call(verify, '/otp/verify', { body: { phone_number: phone, otp } })).status).toBe(403)
  })
})

describe('rate limits', () => {
  it('answers 429 with Retry-After past the per-IP limit', async () => {
    const restore = setEnv({ RATE_LIMIT_IP_PER_MINUTE: 3 })
    try {
      later(0)
      const ip = '192.0.2.77'
      const statuses = []
      for (let i = 0; i < 4; i++) statuses.push((await call(verify, '/otp/verify', { ip, body: {} })).status)
      expect(statuses).toEqual([422, 422, 422, 429])
      const limited = await call(generate, '/otp/generate', { ip, body: { phone_number: newPhone() } })
      expect(limited).toMatchObject({ status: 429, body: { detail: 'Too many requests' } })
      expect(limited.headers.get('retry-after')).toBe('60')
    } finally {
      restore()
    }
  })

  it('answers 429 past the per-number limit of sends', async () => {
    const restore = setEnv({ RATE_LIMIT_SUBJECT_PER_HOUR: 2 })
    try {
      const phone = newPhone()
      const statuses = []
      for (let i = 0; i < 3; i++) {
        later(i * 61)
        statuses.push((await call(generate, '/otp/generate', { body: { phone_number: phone } })).status)
      }
      expect(statuses).toEqual([200, 200, 429])
    } finally {
      restore()
    }
  })
})

describe('delivery by SMS through Twilio', () => {
  let twilio: Awaited<ReturnType<typeof startTwilioStandIn>>
  let restore: () => void
  beforeAll(async () => {
    twilio = await startTwilioStandIn()
    restore = setEnv({
      OTP_DEMO_MODE: false,
      TWILIO_ACCOUNT_SID: TWILIO_TEST_SID,
      TWILIO_AUTH_TOKEN: TWILIO_TEST_TOKEN,
      TWILIO_PHONE_NUMBER: TWILIO_TEST_FROM,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      APP_ORIGIN: 'https://door.example.com',
    })
  })
  afterAll(async () => {
    restore()
    await twilio.close()
  })

  it('sends the code by SMS with the WebOTP line and keeps it out of the answer', async () => {
    later(0)
    const phone = newPhone()
    const answer = await call(generate, '/otp/generate', { body: { phone_number: phone } })
    expect(answer).toMatchObject({ status: 200, body: { detail: 'OTP generated and sent.' } })
    expect(answer.body).not.toHaveProperty('otp')
    const sms = twilio.messages.find((message) => message.to === phone)!
    expect(sms).toMatchObject({ accountSid: TWILIO_TEST_SID, from: TWILIO_TEST_FROM })
    expect(sms.authorization).toBe(`Basic ${Buffer.from(`${TWILIO_TEST_SID}:${TWILIO_TEST_TOKEN}`).toString('base64')}`)
    const code = sms.body.match(/code is: (\d{4})\./)![1]!
    expect(sms.body.split('\n').at(-1)).toBe(`@door.example.com #${code}`)
    const delivery = await db.delivery.findFirstOrThrow({ where: { recipient: phone } })
    expect(delivery).toMatchObject({ status: 'sent', providerId: expect.stringMatching(/^SM/), body: null })
    expect((await call(verify, '/otp/verify', { body: { phone_number: phone, otp: code } })).status).toBe(200)
  })

  it('answers 502 with Twilio’s reason and leaves no code behind', async () => {
    later(0)
    const answer = await call(generate, '/otp/generate', { body: { phone_number: TWILIO_INVALID_NUMBER } })
    expect(answer).toMatchObject({
      status: 502,
      body: {
        detail: `Failed to send OTP: Twilio error 21211: The 'To' number ${TWILIO_INVALID_NUMBER} is not a valid phone number.`,
      },
    })
    expect(await db.otpChallenge.count({ where: { subject: TWILIO_INVALID_NUMBER, consumedAt: null } })).toBe(0)
    expect(await db.delivery.findFirstOrThrow({ where: { recipient: TWILIO_INVALID_NUMBER } })).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('21211'),
    })
    // The failed send did not start the resend wait.
    expect((await call(generate, '/otp/generate', { body: { phone_number: TWILIO_INVALID_NUMBER } })).status).toBe(502)
    expect((await call(resend, '/otp/resend', { body: { phone_number: TWILIO_INVALID_NUMBER } })).status).toBe(404)
  })

  it('keeps the last code working when a resend cannot be delivered', async () => {
    later(0)
    const phone = newPhone()
    expect((await call(generate, '/otp/generate', { body: { phone_number: phone } })).status).toBe(200)
    const code = twilio.messages.find((message) => message.to === phone)!.body.match(/code is: (\d{4})\./)![1]!
    later(61)
    const unreachable = setEnv({ TWILIO_API_BASE_URL: 'http://127.0.0.1:1' })
    try {
      expect((await call(resend, '/otp/resend', { body: { phone_number: phone } })).status).toBe(502)
    } finally {
      unreachable()
    }
    expect((await call(verify, '/otp/verify', { body: { phone_number: phone, otp: code } })).status).toBe(200)
  })

  it('answers 503 when SMS is not configured', async () => {
    const restoreSms = setEnv({ TWILIO_ACCOUNT_SID: undefined, SMTP_SERVER: 'smtp.example.com', EMAIL_ADDRESS: 'door@example.com' })
    try {
      const answer = await call(generate, '/otp/generate', { body: { phone_number: newPhone() } })
      expect(answer).toMatchObject({ status: 503, body: { detail: 'SMS delivery is not configured.' } })
    } finally {
      restoreSms()
    }
  })
})
