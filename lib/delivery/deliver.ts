// Sends one message on its channel now, or puts it in the outbox in demo mode, and records the
// attempt in the Delivery table (the admin outbox reads it). Sign-in codes go through the outbox
// instead (outbox.ts): written with the code, sent after the answer.
import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Db } from '@/lib/db/client'
import { sendEmail, type EmailMessage } from './email'
import { deliverySettings, type Channel, type DeliverySettings } from './settings'
import { describeSmsError, sendSms } from './sms'

export type OutgoingMessage = ({ channel: 'email' } & EmailMessage) | { channel: 'sms'; to: string; text: string }

export type DeliveryOutcome =
  | { status: 'sent' | 'demo'; deliveryId: string; providerId: string | null }
  /** The provider refused or did not answer; `reason` is its explanation. */
  | { status: 'failed'; deliveryId: string; reason: string; providerCode?: string }
  /** Nothing could be tried: the channel has no provider configured (outside demo mode). */
  | { status: 'unavailable'; deliveryId: string; reason: string }

const channelNames: Record<Channel, string> = { email: 'E-mail', sms: 'SMS' }

export function unavailableReason(channel: Channel): string {
  return `${channelNames[channel]} delivery is not configured`
}

/** What a provider made of one message. */
export type SendResult =
  | { status: 'sent'; providerId: string }
  | { status: 'failed'; reason: string; providerCode?: string }
  | { status: 'unavailable'; reason: string }

/** Hands one message to its channel's provider (not in demo mode), recording nothing. */
export async function sendOnChannel(settings: DeliverySettings, message: OutgoingMessage): Promise<SendResult> {
  if (message.channel === 'email') {
    if (!settings.email) return { status: 'unavailable', reason: unavailableReason('email') }
    try {
      return { status: 'sent', providerId: await sendEmail({ settings: settings.email, message, timeoutMs: settings.timeoutMs }) }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      console.error(`[qr-door] e-mail to ${message.to} failed: ${reason}`)
      return { status: 'failed', reason }
    }
  }
  if (!settings.sms) return { status: 'unavailable', reason: unavailableReason('sms') }
  try {
    return {
      status: 'sent',
      providerId: await sendSms({ settings: settings.sms, to: message.to, body: message.text, timeoutMs: settings.timeoutMs }),
    }
  } catch (error) {
    const { reason, code } = describeSmsError(error)
    console.error(`[qr-door] SMS to ${message.to} failed: ${reason}`)
    return { status: 'failed', reason, ...(code ? { providerCode: code } : {}) }
  }
}

export async function deliverMessage(o: {
  db: Db
  now: Date
  message: OutgoingMessage
  challengeId?: string | null
  settings?: DeliverySettings
}): Promise<DeliveryOutcome> {
  const { db, now, message } = o
  const settings = o.settings ?? deliverySettings()
  const deliveryId = randomUUID()
  const record = (fields: {
    status: 'sent' | 'failed' | 'demo'
    providerId?: string | null
    error?: string | null
    body?: string | null
  }) =>
    db.delivery.create({
      data: {
        id: deliveryId,
        channel: message.channel,
        recipient: message.to,
        subject: message.channel === 'email' ? message.subject : null,
        body: fields.body ?? null,
        status: fields.status,
        providerId: fields.providerId ?? null,
        error: fields.error ?? null,
        challengeId: o.challengeId ?? null,
        createdAt: now,
        attempts: fields.status === 'demo' ? 0 : 1,
      },
    })

  if (settings.demo) {
    await record({ status: 'demo', body: message.text })
    logDemoMessage(message)
    return { status: 'demo', deliveryId, providerId: null }
  }
  const result = await sendOnChannel(settings, message)
  if (result.status === 'sent') {
    await record({ status: 'sent', providerId: result.providerId })
    return { status: 'sent', deliveryId, providerId: result.providerId }
  }
  await record({ status: 'failed', error: result.reason })
  return { ...result, deliveryId }
}

/** Demo mode's outbox in the server log: the message as it would have gone out. */
export function logDemoMessage(message: OutgoingMessage): void {
  console.log(`[qr-door] demo outbox: ${message.channel} to ${message.to}:\n${message.text}`)
}
