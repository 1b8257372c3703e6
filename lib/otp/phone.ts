// Phone numbers, read one way everywhere (the seed APIs, sign-in, the admin API): what people type
// goes through libphonenumber-js and comes out in E.164 (+<country code><number>), the form Twilio
// expects and the one key under which a number's codes, limits and user are found.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'
import { z } from 'zod'
import { env } from '@/lib/env'

/**
 * The number in E.164, or null. Spaces, dots, dashes and brackets are fine; a leading 00 (the
 * international call prefix in most of the world) counts as +; a national number needs
 * `defaultCountry`. Only the length is checked against the country's numbering plan, not whether
 * the range is in service: the library's ranges lag behind the carriers', the SMS provider has the
 * last word, and fictional 555 numbers stay usable in demos and tests.
 */
export function normalisePhoneNumber(input: string, defaultCountry?: CountryCode): string | null {
  const text = input.trim().replace(/^00/, '+')
  // extract: false refuses "call me at +1 415…" instead of mining it for a number.
  const phone = parsePhoneNumberFromString(text, { defaultCountry, extract: false })
  // An SMS cannot reach an extension: refused rather than silently dropped.
  if (phone && !phone.ext && phone.isPossible()) return phone.number
  // Seed 001's README sends "+1234567890", which no numbering plan allows: what the seed accepted
  // (+ and 7 to 15 digits, written with separators or not) stays accepted, as typed.
  const written = text.replace(/[\s().-]/g, '')
  return /^\+[1-9]\d{6,14}$/.test(written) ? written : null
}

export const E164_MESSAGE = 'Invalid phone number: use the international E.164 format, + and the country code, e.g. +14155550123'

function toE164(value: string, context: z.core.$RefinementCtx<string>): string {
  const phone = normalisePhoneNumber(value, env.DEFAULT_PHONE_COUNTRY)
  if (phone === null) {
    context.addIssue({ code: 'custom', message: E164_MESSAGE })
    return z.NEVER
  }
  return phone
}

const DESCRIPTION =
  'A phone number, stored in E.164 (+14155550123). Spaces, dots, dashes and brackets, a leading 00 for +, and national numbers where the server sets DEFAULT_PHONE_COUNTRY are accepted'

export const PhoneNumber = z.string().max(40).transform(toE164).meta({ description: DESCRIPTION, example: '+14155550123' })

/** For fields that may be left out: forms send unused fields as "", which reads as missing (null). */
export const OptionalPhoneNumber = z
  .string()
  .max(40)
  .transform((value, context) => (value.trim() === '' ? null : toE164(value, context)))
  .nullish()
