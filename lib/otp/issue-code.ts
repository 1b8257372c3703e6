// Issues a code to someone and delivers it: the resend wait, the challenge, the message, and the
// clean-up when the message cannot go out (no usable code may stay behind for a message nobody got).
// Or, for sign-in, through the outbox: the code and its message are written in one transaction and
// the message goes out after the answer, so the answer is the same whoever the address belongs to.
import type { Db } from '@/lib/db/client'
import { outboxEntry, type OutboxEntry } from '@/lib/delivery/outbox'
import {
  channelAvailable,
  deliverMessage,
  deliverySettings,
  otpEmail,
  otpSmsText,
  unavailableReason,
  type Channel,
  type OutgoingMessage,
} from '@/lib/delivery'
import { createChallenge, discardChallenge, latestChallenge, retireOlderChallenges, type OtpChallenge, type OtpScope } from './engine'
import type { OtpPolicy } from './policy'
import { claimSlot, releaseSlot } from './sliding-window'

export interface IssueCodeOptions {
  db: Db
  now: Date
  scope: OtpScope
  /** Whom the code is for (phone number, user id, e-mail): codes, waits and limits are counted per subject. */
  subject: string
  policy: OtpPolicy
  channel: Channel
  /** The phone number or e-mail address the message goes to. */
  destination: string
  /** A resend needs an earlier code for the subject. */
  mode?: 'new' | 'resend'
  /**
   * false: do everything but send (waits, limits, a challenge nobody knows). The login form uses it
   * for addresses that may not sign in, so that they answer exactly like the ones that may.
   */
  deliver?: boolean
  /**
   * 'now' (the default): send before answering, whose answer says whether it went out. 'outbox':
   * write the message to the outbox with the code, in one transaction, and send it after.
   */
  send?: 'now' | 'outbox'
  /** The host of the SMS WebOTP line (`@host #code`); by default APP_ORIGIN's, else localhost. */
  webOtpHost?: string
}

export type IssueCodeResult =
  | { ok: true; challenge: OtpChallenge; code: string; demo: boolean; deliveryId: string | null }
  | { ok: false; reason: 'nothing_to_resend' }
  | { ok: false; reason: 'cooldown'; retryAfterSeconds: number }
  | { ok: false; reason: 'unavailable'; message: string }
  | { ok: false; reason: 'delivery_failed'; message: string; providerCode?: string }

function composeMessage(o: {
  channel: Channel
  destination: string
  code: string
  ttlSeconds: number
  webOtpHost: string
}): OutgoingMessage {
  if (o.channel === 'email') return { channel: 'email', ...otpEmail({ to: o.destination, code: o.code, ttlSeconds: o.ttlSeconds }) }
  return { channel: 'sms', to: o.destination, text: otpSmsText(o) }
}

export async function issueCode(o: IssueCodeOptions): Promise<IssueCodeResult> {
  const { db, now, scope, subject, policy } = o
  const settings = deliverySettings()
  if (o.mode === 'resend' && !(await latestChallenge({ db, scope, subject }))) {
    return { ok: false, reason: 'nothing_to_resend' }
  }
  if (!channelAvailable(o.channel, settings)) return { ok: false, reason: 'unavailable', message: unavailableReason(o.channel) }

  let slotKey: string | null = null
  if (policy.resendCooldownSeconds) {
    const claim = await claimSlot({
      db,
      now,
      rule: { bucket: `otp-send:${scope}`, limit: 1, windowSeconds: policy.resendCooldownSeconds },
      subject,
    })
    if (!claim.ok) return { ok: false, reason: 'cooldown', retryAfterSeconds: claim.retryAfterSeconds }
    slotKey = claim.slotKey
  }

  const webOtpHost = o.webOtpHost ?? settings.webOtpHost
  if (o.send === 'outbox') {
    // The older codes are retired with the new one: with the send still to come, there is no
    // failed send to keep the last code working for.
    let entry: OutboxEntry | null = null
    const { challenge, code } = await createChallenge({
      db,
      now,
      scope,
      subject,
      length: policy.length,
      alphabet: policy.alphabet,
      ttlSeconds: policy.ttlSeconds,
      maxAttempts: policy.maxAttempts,
      channel: o.channel,
      destination: o.destination,
      alongside: (challengeId, code) => {
        if (o.deliver === false) return []
        entry = outboxEntry({
          db,
          now,
          settings,
          challengeId,
          message: composeMessage({ channel: o.channel, destination: o.destination, code, ttlSeconds: policy.ttlSeconds, webOtpHost }),
        })
        return [entry.write]
      },
    })
    const queued = entry as OutboxEntry | null
    queued?.release()
    return { ok: true, challenge, code, demo: settings.demo && queued !== null, deliveryId: queued?.deliveryId ?? null }
  }

  const { challenge, code } = await createChallenge({
    db,
    now,
    scope,
    subject,
    length: policy.length,
    alphabet: policy.alphabet,
    ttlSeconds: policy.ttlSeconds,
    maxAttempts: policy.maxAttempts,
    channel: o.channel,
    destination: o.destination,
    retireOlder: false,
  })
  if (o.deliver === false) {
    await retireOlderChallenges({ db, now, keep: challenge })
    return { ok: true, challenge, code, demo: false, deliveryId: null }
  }
  const outcome = await deliverMessage({
    db,
    now,
    settings,
    challengeId: challenge.id,
    message: composeMessage({ channel: o.channel, destination: o.destination, code, ttlSeconds: policy.ttlSeconds, webOtpHost }),
  })
  if (outcome.status !== 'failed' && outcome.status !== 'unavailable') {
    await retireOlderChallenges({ db, now, keep: challenge })
    return { ok: true, challenge, code, demo: outcome.status === 'demo', deliveryId: outcome.deliveryId }
  }

  await discardChallenge({ db, id: challenge.id, now })
  if (slotKey) await releaseSlot({ db, slotKey })
  if (outcome.status === 'unavailable') return { ok: false, reason: 'unavailable', message: outcome.reason }
  return { ok: false, reason: 'delivery_failed', message: outcome.reason, providerCode: outcome.providerCode }
}
