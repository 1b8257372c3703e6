// Makes a guest pass: its holder (a User of role "guest" with the groups and the validity window,
// which is what the scan reads) and the pass itself, in one statement; then sends the link to the
// e-mail address and phone number given. A failed delivery does not undo the pass: the admin still
// has the link, and the outbox says what went wrong.
import { randomUUID } from 'node:crypto'
import { memberships } from '@/lib/access/defaults'
import { assertGroupsExist } from '@/lib/access/groups'
import { assertWindowOrder } from '@/lib/access/validity-window'
import { fieldError } from '@/lib/access/field-error'
import { hashToken } from '@/lib/auth/tokens'
import type { Db } from '@/lib/db/client'
import { deliverMessage, type DeliveryOutcome, type OutgoingMessage } from '@/lib/delivery'
import { encryptTotpSecret, generateTotpSecret } from '@/lib/door/totp-secret'
import { newUserId } from '@/lib/users/user-id'
import { guestLink } from './guest-link'
import { guestPassDtoSelect, toGuestPassDto, type GuestPassDto } from './guest-pass-dto'
import { guestPassEmail, guestPassSmsText } from './guest-pass-message'
import { generateGuestToken } from './guest-token'

export interface GuestPassInput {
  name: string
  email?: string
  phone?: string
  groupIds: string[]
  validFrom: Date
  validUntil: Date
  maxUses?: number | null
}

export interface CreatedGuestPass {
  pass: GuestPassDto
  url: string
  deliveries: { channel: 'email' | 'sms'; recipient: string; status: DeliveryOutcome['status'] }[]
}

export async function createGuestPass(options: {
  db: Db
  now: Date
  /** The public origin of the link (lib/guests/guest-link.ts). */
  origin: string
  input: GuestPassInput
  /** Sends one message; deliverMessage (outbox, demo mode) unless a test says otherwise. */
  deliver?: (message: OutgoingMessage) => Promise<DeliveryOutcome>
}): Promise<CreatedGuestPass> {
  const { db, now, input } = options
  assertWindowOrder({ from: input.validFrom, until: input.validUntil, fromField: 'validFrom', untilField: 'validUntil' })
  if (input.validUntil <= now) throw fieldError('validUntil', 'must be in the future: the pass would never open a door')
  const groupIds = [...new Set(input.groupIds)]
  await assertGroupsExist({ db, groupIds })

  const token = generateGuestToken()
  const userId = newUserId()
  const row = await db.guestPass.create({
    data: {
      id: randomUUID(),
      name: input.name,
      tokenHash: hashToken(token),
      email: input.email ?? null,
      phone: input.phone ?? null,
      maxUses: input.maxUses ?? null,
      createdAt: now,
      // No e-mail or phone on the holder: those are how people sign in, and a guest must not.
      user: {
        create: {
          id: userId,
          name: input.name,
          role: 'guest',
          totpSecretEnc: encryptTotpSecret({ secret: generateTotpSecret(), userId }),
          accessFrom: input.validFrom,
          accessUntil: input.validUntil,
          createdAt: now,
          groups: memberships(groupIds),
        },
      },
    },
    select: guestPassDtoSelect,
  })

  const url = guestLink(options.origin, token)
  const deliver = options.deliver ?? ((message: OutgoingMessage) => deliverMessage({ db, now, message }))
  const text = { name: input.name, url, validFrom: input.validFrom, validUntil: input.validUntil }
  const messages: OutgoingMessage[] = [
    ...(input.email ? [{ channel: 'email' as const, ...guestPassEmail({ ...text, to: input.email }) }] : []),
    ...(input.phone ? [{ channel: 'sms' as const, to: input.phone, text: guestPassSmsText(text) }] : []),
  ]
  const deliveries: CreatedGuestPass['deliveries'] = []
  for (const message of messages) {
    const outcome = await deliver(message)
    deliveries.push({ channel: message.channel, recipient: message.to, status: outcome.status })
  }
  return { pass: toGuestPassDto(row, now), url, deliveries }
}
