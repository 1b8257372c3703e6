import { z } from 'zod'
import { loginAddressField } from './address'

export const startLoginRequestSchema = z
  .object({ address: loginAddressField })
  .meta({ id: 'StartLoginRequest' })

export const verifyLoginRequestSchema = z
  .object({
    address: loginAddressField,
    code: z.string().trim().min(1, 'Enter the code').max(20).meta({ example: '123456' }),
  })
  .meta({ id: 'VerifyLoginRequest' })

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
