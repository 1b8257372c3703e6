// deliverMessage: every attempt recorded, demo outbox, provider failures and time-outs.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { deliverMessage, deliverySettings, type DeliverySettings } from '@/lib/delivery'
import { parseEnv } from '@/lib/env'
import { startSmtpServer, startTwilioStandIn, TWILIO_TEST_FROM, TWILIO_TEST_SID, TWILIO_TEST_TOKEN } from './support'

const now = new Date('2026-07-01T00:00:00Z')
const sms = (to: string) => ({ channel: 'sms' as const, to, text: 'Your verification code is: 4242.' })

// Generous by default, so a busy machine does not fail the sends that should work; the time-out
// test sets its own short limit.
function settingsWith(values: Record<string, string>): DeliverySettings {
  return deliverySettings(parseEnv({ OTP_DEMO_MODE: 'false', DELIVERY_TIMEOUT_MS: '10000', ...values }))
}

const twilioEnv = (baseUrl: string) => ({
  TWILIO_ACCOUNT_SID: TWILIO_TEST_SID,
  TWILIO_AUTH_TOKEN: TWILIO_TEST_TOKEN,
  TWILIO_PHONE_NUMBER: TWILIO_TEST_FROM,
  TWILIO_API_BASE_URL: baseUrl,
})

let log: ReturnType<typeof vi.spyOn>
beforeAll(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {})
  vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterAll(() => {
  vi.restoreAllMocks()
})

describe('deliverMessage', () => {
  it('puts demo messages in the outbox (table and server log) with their text', async () => {
    const outcome = await deliverMessage({ db, now, message: sms('+15550000001'), settings: settingsWith({ OTP_DEMO_MODE: 'true' }) })
    expect(outcome).toMatchObject({ status: 'demo', providerId: null })
    const row = await db.delivery.findUniqueOrThrow({ where: { id: outcome.deliveryId } })
    expect(row).toMatchObject({ channel: 'sms', recipient: '+15550000001', status: 'demo', body: 'Your verification code is: 4242.' })
    expect(log).toHaveBeenCalledWith(expect.stringContaining('demo outbox: sms to +15550000001:\nYour verification code is: 4242.'))
  })

  it('records a channel without provider as failed and reports it unavailable', async () => {
    const outcome = await deliverMessage({ db, now, message: sms('+15550000002'), settings: settingsWith({}) })
    expect(outcome).toMatchObject({ status: 'unavailable', reason: 'SMS delivery is not configured' })
    expect(await db.delivery.findUniqueOrThrow({ where: { id: outcome.deliveryId } })).toMatchObject({
      status: 'failed',
      error: 'SMS delivery is not configured',
      body: null,
    })
  })

  it('sends e-mail over SMTP and records the Message-ID', async () => {
    const smtp = await startSmtpServer()
    try {
      const outcome = await deliverMessage({
        db,
        now,
        challengeId: 'challenge-1',
        message: { channel: 'email', to: 'bob@example.com', subject: 'Hello', text: 'plain', html: '<p>html</p>' },
        settings: settingsWith({ SMTP_SERVER: '127.0.0.1', SMTP_PORT: String(smtp.port), EMAIL_ADDRESS: 'door@example.com' }),
      })
      expect(outcome).toMatchObject({ status: 'sent', providerId: expect.stringMatching(/^<.+>$/) })
      expect(smtp.messages).toHaveLength(1)
      expect(smtp.messages[0]!.raw).toContain(`Message-ID: ${outcome.status === 'sent' ? outcome.providerId : ''}`)
      expect(await db.delivery.findUniqueOrThrow({ where: { id: outcome.deliveryId } })).toMatchObject({
        channel: 'email',
        subject: 'Hello',
        status: 'sent',
        challengeId: 'challenge-1',
        body: null,
      })
    } finally {
      await smtp.close()
    }
  })

  it('records an SMS that Twilio accepted with its SID', async () => {
    const twilio = await startTwilioStandIn()
    try {
      const outcome = await deliverMessage({ db, now, message: sms('+15550000003'), settings: settingsWith(twilioEnv(twilio.baseUrl)) })
      expect(outcome).toMatchObject({ status: 'sent', providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/) })
      expect(twilio.messages.map((message) => message.body)).toEqual(['Your verification code is: 4242.'])
    } finally {
      await twilio.close()
    }
  })

  it('gives up on a Twilio that does not answer within DELIVERY_TIMEOUT_MS', async () => {
    const hanging = createServer(() => {})
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve))
    try {
      const baseUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`
      const outcome = await deliverMessage({
        db,
        now,
        message: sms('+15550000004'),
        settings: settingsWith({ ...twilioEnv(baseUrl), DELIVERY_TIMEOUT_MS: '400' }),
      })
      expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringMatching(/timeout|400 ms/i) })
      expect(await db.delivery.findUniqueOrThrow({ where: { id: outcome.deliveryId } })).toMatchObject({ status: 'failed' })
    } finally {
      hanging.closeAllConnections()
      await new Promise<void>((resolve) => hanging.close(() => resolve()))
    }
  })

  it('records a refused connection as failed', async () => {
    const outcome = await deliverMessage({
      db,
      now,
      message: sms('+15550000005'),
      settings: settingsWith(twilioEnv('http://127.0.0.1:1')),
    })
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringMatching(/ECONNREFUSED/) })
  })
})
