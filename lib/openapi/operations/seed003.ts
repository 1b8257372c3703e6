// Seed 003: send / verify code by SMS or e-mail.
import { z } from 'zod'
import { SendCodeRequest, VerifyCodeRequest } from '@/lib/otp/api/seed003'
import { fastApi, ok } from '../responses'
import type { OperationDoc, ResponseDoc } from '../types'

const errorSchema = z
  .object({
    detail: z.object({
      success: z.literal(false),
      message: z.string(),
      user_id: z.string().nullable(),
      error_type: z.enum([
        'invalid_request',
        'invalid_code',
        'not_found',
        'expired',
        'too_many_attempts',
        'rate_limited',
        'delivery_failed',
        'channel_unavailable',
      ]),
    }),
  })
  .meta({ id: 'Seed003Error' })

type ErrorType = z.infer<typeof errorSchema>['detail']['error_type']

function seed003Error(description: string, cases: Record<string, [ErrorType, string]>, userId: string | null = 'user123'): ResponseDoc {
  return {
    description,
    schema: errorSchema,
    examples: Object.fromEntries(
      Object.entries(cases).map(([name, [errorType, message]]) => [
        name,
        { value: { detail: { success: false, message, user_id: errorType === 'rate_limited' ? null : userId, error_type: errorType } } },
      ]),
    ),
    ...(Object.values(cases).some(([type]) => type === 'rate_limited' || type === 'too_many_attempts')
      ? { headers: fastApi.rateLimited().headers }
      : {}),
  }
}

const sentSchema = z
  .object({
    message: z.string(),
    user_id: z.string(),
    method: z.enum(['sms', 'email']),
    otp: z.string().optional().describe('The code itself, in demo mode only (no provider configured)'),
  })
  .meta({ id: 'Seed003Sent' })

const verifiedSchema = z.object({ success: z.literal(true), message: z.string(), user_id: z.string() }).meta({ id: 'Seed003Verified' })

export const seed003Operations: OperationDoc[] = [
  {
    operationId: 'seed003SendCode',
    method: 'post',
    path: '/send-code',
    tag: 'sendVerify',
    summary: 'Send a code by SMS or e-mail',
    description:
      'A new 6-digit code for `user_id`, valid 5 minutes, sent to `phone` (method `sms`) or `email` (method `email`). A new code replaces the previous one.',
    security: [],
    body: {
      schema: SendCodeRequest,
      examples: {
        sms: { value: { user_id: 'user123', method: 'sms', phone: '+14155550123' } },
        email: { value: { user_id: 'user123', method: 'email', email: 'user@example.com' } },
      },
    },
    responses: {
      200: ok('Sent', sentSchema, {
        sms: { message: 'OTP sent successfully via sms', user_id: 'user123', method: 'sms' },
        demo: { message: 'OTP sent successfully via email', user_id: 'user123', method: 'email', otp: '402913' },
      }),
      400: seed003Error('The chosen method’s address is missing', {
        no_phone: ['invalid_request', 'Phone number is required for SMS'],
        no_email: ['invalid_request', 'Email is required for email'],
      }),
      422: fastApi.validation(['body', 'method'], 'Invalid option: expected one of "sms"|"email"', 'invalid_value'),
      429: seed003Error('Too many requests from this IP or for this user or address', {
        rate_limited: ['rate_limited', 'Too many requests, please try again later'],
      }),
      502: seed003Error('The provider refused the message', {
        delivery_failed: ['delivery_failed', 'Failed to send OTP via sms: The number is unverified'],
      }),
      503: seed003Error('The chosen channel is not configured', {
        channel_unavailable: ['channel_unavailable', 'SMS delivery is not configured'],
      }),
    },
  },
  {
    operationId: 'seed003VerifyCode',
    method: 'post',
    path: '/verify-code',
    tag: 'sendVerify',
    summary: 'Check a code',
    description: 'A right code is used up. Three wrong tries end it.',
    security: [],
    body: { schema: VerifyCodeRequest, examples: { verify: { value: { user_id: 'user123', passcode: '402913' } } } },
    responses: {
      200: ok('Right code', verifiedSchema, {
        verified: { success: true, message: 'OTP verified successfully', user_id: 'user123' },
      }),
      400: seed003Error('Wrong code, tries left', { invalid_code: ['invalid_code', 'Invalid OTP. 2 attempts remaining'] }),
      404: seed003Error('No code for this user', {
        not_found: ['not_found', 'No OTP found for this user or OTP has expired'],
      }),
      410: seed003Error('The code expired', { expired: ['expired', 'OTP has expired'] }),
      422: fastApi.validation(['body', 'passcode']),
      429: seed003Error('Tries used up, or too many requests', {
        too_many_attempts: ['too_many_attempts', 'Too many failed attempts'],
        rate_limited: ['rate_limited', 'Too many requests, please try again later'],
      }),
    },
  },
]
