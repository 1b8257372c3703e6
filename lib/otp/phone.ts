// Phone numbers in E.164 (+<country code><number>, at most 15 digits), the form Twilio expects and
// the one key under which a number's codes and limits are counted.
import { z } from 'zod'

/**
 * Normalises what people type: spaces, dots, dashes and brackets are dropped and a leading 00
 * (the international call prefix) becomes +. Returns null when the result is not E.164.
 */
export function normalisePhoneNumber(input: string): string | null {
  let phone = input.trim().replace(/[\s().\-]/g, '')
  if (phone.startsWith('00')) phone = '+' + phone.slice(2)
  return /^\+[1-9]\d{6,14}$/.test(phone) ? phone : null
}

export const E164_MESSAGE = 'Invalid phone number: use the international E.164 format, e.g. +14155550123'

export const PhoneNumber = z
  .string()
  .max(40)
  .transform((value, context) => {
    const phone = normalisePhoneNumber(value)
    if (phone === null) {
      context.addIssue({ code: 'custom', message: E164_MESSAGE })
      return z.NEVER
    }
    return phone
  })
  .meta({ description: 'A phone number in E.164 format, e.g. +14155550123', example: '+14155550123' })

/** For fields that may be left out: forms send unused fields as "", which reads as missing (null). */
export const OptionalPhoneNumber = z
  .string()
  .max(40)
  .transform((value, context) => {
    if (value.trim() === '') return null
    const phone = normalisePhoneNumber(value)
    if (phone === null) {
      context.addIssue({ code: 'custom', message: E164_MESSAGE })
      return z.NEVER
    }
    return phone
  })
  .nullish()
