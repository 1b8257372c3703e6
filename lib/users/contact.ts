// How e-mail addresses and phone numbers are stored: normalised, so that the unique indexes on
// User.email / User.phone catch the same person written twice.
import { z } from 'zod'

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email().max(254))
  .describe('E-mail address, stored in lower case')

export const phoneSchema = z
  .string()
  .overwrite((value) => value.replace(/[\s().-]/g, ''))
  .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +14155550123')
  .describe('Phone number in E.164 form (spaces, dashes and parentheses are removed)')

export const roleSchema = z.enum(['user', 'admin'])
export type Role = z.infer<typeof roleSchema>
