// Sends one message on its channel, or puts it in the outbox in demo mode, and records every
// attempt in the Delivery table (the admin outbox reads it).
import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Db } from '@/lib/db/client'
import { sendEmail, type EmailMessage } from './email'
import { deliverySettings, type Channel, type DeliverySettings } from './settings'
import { describeSmsError, sendSms } from './sms'

export type OutgoingMessage =
  | ({ channel: 'email' } & EmailMessage)
  | { channel: 'sms'; to: string; text: string }

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
  const text = message.text
  const record = (fields: { status: 'sent' | 'failed' | 'demo'; providerId?: string | null; error?: string | null; body?: string | null }) =>
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
      },
    })

  if (settings.demo) {
    await record({ status: 'demo', body: text })
    console.log(`[qr-door] demo outbox: ${message.channel} to ${message.to}:\n${text}`)
    return { status: 'demo', deliveryId, providerId: null }
  }

  if (message.channel === 'email') {
    if (!settings.email) {
      await record({ status: 'failed', error: unavailableReason('email') })
      return { status: 'unavailable', deliveryId, reason: unavailableReason('email') }
    }
    try {
      const providerId = await sendEmail({ settings: settings.email, message, timeoutMs: settings.timeoutMs })
      await record({ status: 'sent', providerId })
      return { status: 'sent', deliveryId, providerId }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      console.error(`[qr-door] e-mail to ${message.to} failed: ${reason}`)
      await record({ status: 'failed', error: reason })
      return { status: 'failed', deliveryId, reason }
    }
  }

  if (!settings.sms) {
    await record({ status: 'failed', error: unavailableReason('sms') })
    return { status: 'unavailable', deliveryId, reason: unavailableReason('sms') }
  }
  try {
    const providerId = await sendSms({ settings: settings.sms, to: message.to, body: message.text, timeoutMs: settings.timeoutMs })
    await record({ status: 'sent', providerId })
    return { status: 'sent', deliveryId, providerId }
  } catch (error) {
    const { reason, code } = describeSmsError(error)
    console.error(`[qr-door] SMS to ${message.to} failed: ${reason}`)
    await record({ status: 'failed', error: reason })
    return { status: 'failed', deliveryId, reason, providerCode: code }
  }
}
