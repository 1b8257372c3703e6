// Which providers are configured, and whether the app runs in demo mode. Read from `env` at each
// call rather than once, so that tests (and an admin changing nothing but the env object) see the
// current values.
import 'server-only'
import { env, type Env } from '@/lib/env'

export type Channel = 'email' | 'sms'

export interface SmtpSettings {
  host: string
  port: number
  secure: boolean
  from: string
  user: string | undefined
  password: string | undefined
}

export interface TwilioSettings {
  accountSid: string
  authToken: string
  from: string
  /** Replaces https://api.twilio.com (tests point it at a local stand-in). */
  baseUrl: string | undefined
}

export interface DeliverySettings {
  email: SmtpSettings | null
  sms: TwilioSettings | null
  demo: boolean
  timeoutMs: number
  /** Host named in the SMS WebOTP line (`@host #code`). */
  webOtpHost: string
}

export function deliverySettings(source: Env = env): DeliverySettings {
  const email: SmtpSettings | null =
    source.SMTP_SERVER && source.EMAIL_ADDRESS
      ? {
          host: source.SMTP_SERVER,
          port: source.SMTP_PORT,
          secure: source.SMTP_SECURE,
          from: source.EMAIL_ADDRESS,
          user: source.EMAIL_PASSWORD ? source.EMAIL_ADDRESS : undefined,
          password: source.EMAIL_PASSWORD,
        }
      : null
  const sms: TwilioSettings | null =
    source.TWILIO_ACCOUNT_SID && source.TWILIO_AUTH_TOKEN && source.TWILIO_PHONE_NUMBER
      ? {
          accountSid: source.TWILIO_ACCOUNT_SID,
          authToken: source.TWILIO_AUTH_TOKEN,
          from: source.TWILIO_PHONE_NUMBER,
          baseUrl: source.TWILIO_API_BASE_URL,
        }
      : null
  return {
    email,
    sms,
    // Demo mode switches itself off once a provider is set; OTP_DEMO_MODE overrides either way.
    demo: source.OTP_DEMO_MODE ?? (email === null && sms === null),
    timeoutMs: source.DELIVERY_TIMEOUT_MS,
    webOtpHost: source.APP_ORIGIN ? new URL(source.APP_ORIGIN).hostname : 'localhost',
  }
}

export function isDemoMode(settings: DeliverySettings = deliverySettings()): boolean {
  return settings.demo
}

/** Whether a message on this channel can go out now: demo mode takes every channel. */
export function channelAvailable(channel: Channel, settings: DeliverySettings = deliverySettings()): boolean {
  return settings.demo || settings[channel] !== null
}

/** The banner pages show in demo mode, or null outside it. */
export function demoBanner(settings: DeliverySettings = deliverySettings()): string | null {
  if (!settings.demo) return null
  return 'Demo mode: no message is really sent. Codes appear on screen, in the server log and in the admin outbox.'
}
