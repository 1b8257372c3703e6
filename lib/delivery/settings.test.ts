import { describe, expect, it } from 'vitest'
import { parseEnv } from '@/lib/env'
import { isDemoEnv } from '@/scripts/listen-address.mjs'
import { channelAvailable, deliverySettings, demoBanner, isDemoMode } from './settings'

const smtp = { SMTP_SERVER: 'smtp.example.com', EMAIL_ADDRESS: 'door@example.com' }
const twilio = { TWILIO_ACCOUNT_SID: 'AC123', TWILIO_AUTH_TOKEN: 'token', TWILIO_PHONE_NUMBER: '+15005550006' }
const settings = (values: Record<string, string>) => deliverySettings(parseEnv(values))

describe('demo mode', () => {
  it('is on while no provider is configured, and off once one is', () => {
    expect(isDemoMode(settings({}))).toBe(true)
    expect(isDemoMode(settings(smtp))).toBe(false)
    expect(isDemoMode(settings(twilio))).toBe(false)
    // An incomplete provider is no provider.
    expect(isDemoMode(settings({ TWILIO_ACCOUNT_SID: 'AC123' }))).toBe(true)
  })

  it('is decided alike by the server script, which listens on loopback only in demo mode', () => {
    const cases: Record<string, string>[] = [
      {},
      smtp,
      twilio,
      { TWILIO_ACCOUNT_SID: 'AC123' },
      { ...smtp, SMTP_SERVER: ' ' },
      { ...smtp, OTP_DEMO_MODE: 'true' },
      { ...twilio, OTP_DEMO_MODE: 'yes' },
      { OTP_DEMO_MODE: 'false' },
      { OTP_DEMO_MODE: '0' },
      { OTP_DEMO_MODE: '' },
      { ...smtp, OTP_DEMO_MODE: '' },
    ]
    for (const env of cases) expect(isDemoEnv(env), JSON.stringify(env)).toBe(settings(env).demo)
  })

  it('follows OTP_DEMO_MODE either way', () => {
    expect(isDemoMode(settings({ ...smtp, OTP_DEMO_MODE: 'true' }))).toBe(true)
    expect(isDemoMode(settings({ OTP_DEMO_MODE: 'false' }))).toBe(false)
  })

  it('shows a banner only in demo mode', () => {
    expect(demoBanner(settings({}))).toMatch(/^Demo mode/)
    expect(demoBanner(settings(smtp))).toBeNull()
  })
})

describe('channels', () => {
  it('are available when configured, or in demo mode', () => {
    expect(channelAvailable('sms', settings(smtp))).toBe(false)
    expect(channelAvailable('email', settings(smtp))).toBe(true)
    expect(channelAvailable('sms', settings({ ...smtp, OTP_DEMO_MODE: 'true' }))).toBe(true)
    expect(channelAvailable('email', settings({ OTP_DEMO_MODE: 'false' }))).toBe(false)
  })

  it('log in to SMTP only with a password, and name the WebOTP host from APP_ORIGIN', () => {
    expect(settings(smtp).email).toMatchObject({ host: 'smtp.example.com', port: 587, secure: false, user: undefined })
    expect(settings({ ...smtp, EMAIL_PASSWORD: 'pw' }).email).toMatchObject({ user: 'door@example.com', password: 'pw' })
    expect(settings({}).webOtpHost).toBe('localhost')
    expect(settings({ APP_ORIGIN: 'https://door.example.com:8443' }).webOtpHost).toBe('door.example.com')
  })
})
