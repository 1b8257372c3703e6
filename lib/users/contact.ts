// How e-mail addresses are stored: normalised, so that the unique index on User.email catches the
// same person written twice. Phone numbers have their one reading in lib/otp/phone.ts (E.164).
import { z } from 'zod'

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254)).describe('E-mail address, stored in lower case')

export const roleSchema = z.enum(['user', 'admin'])
export type Role = z.infer<typeof roleSchema>
