// What a person types into the login form: an e-mail address or a phone number.
import { z } from 'zod'
import { PhoneNumber } from '@/lib/otp/phone'
import { emailSchema } from '@/lib/users/contact'

export type LoginAddress = { channel: 'email'; email: string } | { channel: 'sms'; phone: string }

export function parseLoginAddress(input: string): LoginAddress | null {
  const trimmed = input.trim()
  if (trimmed.includes('@')) {
    const email = emailSchema.safeParse(trimmed)
    return email.success ? { channel: 'email', email: email.data } : null
  }
  const phone = PhoneNumber.safeParse(trimmed)
  return phone.success ? { channel: 'sms', phone: phone.data } : null
}

/** The normalised address: the subject codes and limits are counted against. */
export function addressKey(address: LoginAddress): string {
  return address.channel === 'email' ? address.email : address.phone
}

/** Shows where the code went without repeating the whole address (shoulder surfing). */
export function maskAddress(address: LoginAddress): string {
  if (address.channel === 'sms') return `${address.phone.slice(0, 3)}••••${address.phone.slice(-2)}`
  const [local = '', domain = ''] = address.email.split('@')
  return `${local.slice(0, 2)}${'•'.repeat(Math.max(1, local.length - 2))}@${domain}`
}

export const loginAddressField = z
  .string()
  .trim()
  .min(1, 'Enter your e-mail address or phone number')
  .max(254)
  .meta({ description: 'E-mail address, or phone number in E.164 form', example: 'ada@example.com' })
