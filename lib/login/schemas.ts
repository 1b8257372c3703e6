import { z } from 'zod'
import { loginAddressField } from './address'
import { isLoginCodeShaped, LOGIN_CODE_MESSAGE, stripCodeSeparators } from './code'

export const startLoginRequestSchema = z.object({ address: loginAddressField }).meta({ id: 'StartLoginRequest' })

/** The code as typed: spaces and dashes are removed before its form is checked, so "023 004" reads 023004. */
export const loginCodeField = z
  .string()
  .max(40, LOGIN_CODE_MESSAGE)
  .transform(stripCodeSeparators)
  .pipe(z.string().refine(isLoginCodeShaped, LOGIN_CODE_MESSAGE))
  .meta({ description: 'The 6 digits from the message; spaces and dashes are ignored', example: '123456' })

export const verifyLoginRequestSchema = z.object({ address: loginAddressField, code: loginCodeField }).meta({ id: 'VerifyLoginRequest' })

/** What POST /api/auth/login answers. */
export const startLoginResponseSchema = z.object({
  channel: z.enum(['email', 'sms']),
  sentTo: z.string().describe('The address, partly masked'),
  expiresInSeconds: z.int(),
  resendAfterSeconds: z.int(),
  createsFirstAdmin: z.boolean().describe('Signing in with this address creates the first admin account'),
  demoCode: z.string().optional().describe('The code itself, in demo mode only'),
})

export const sessionUserSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(['user', 'admin']) })

/** What POST /api/auth/verify answers, besides setting the session cookie. */
export const verifyLoginResponseSchema = z.object({ user: sessionUserSchema, createdAdmin: z.boolean() })

/** The `details` of sign-in's errors: tries left, the resend wait, a lock-out's end. */
export const loginErrorDetailsSchema = z.object({
  attemptsLeft: z.int().optional().describe('Tries left on this code'),
  retryAfterSeconds: z.int().optional().describe('Seconds until a code may be asked for (or checked) again'),
  lockedUntil: z.iso
    .datetime()
    .optional()
    .describe('While the address is locked out after too many wrong codes: when codes are sent and checked again'),
})

/** What POST /api/admin/users/{id}/lift-lockout answers. */
export const liftLockoutResponseSchema = z.object({
  wasLockedOut: z.boolean().describe('Whether some network (or every one) was locked out of the user’s addresses'),
  wrongCodesCleared: z.int().describe('Wrong codes of the last hour that no longer count'),
})
