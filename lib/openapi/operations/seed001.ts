// Seed 001: login codes by phone.
import { z } from 'zod'
import { E164_MESSAGE } from '@/lib/otp/phone'
import { GenerateOtpRequest, ResendOtpRequest, VerifyOtpRequest } from '@/lib/otp/api/seed001'
import { fastApi, ok } from '../responses'
import type { OperationDoc } from '../types'

const answerSchema = z
  .object({
    detail: z.string().describe("What happened, in the original service's words"),
    otp: z.string().optional().describe('The code itself, in demo mode only (no SMS provider configured)'),
  })
  .meta({ id: 'Seed001Answer' })

const phone = { phone_number: '+14155550123' }

const badPhone = fastApi.validation(['body', 'phone_number'], E164_MESSAGE, 'custom')

const deliveryErrors = {
  502: fastApi.detail('The SMS provider refused the message', { provider_failed: 'Failed to send OTP: The number is unverified' }),
  503: fastApi.detail('SMS delivery is not configured', { unavailable: 'SMS delivery is not configured.' }),
}

export const seed001Operations: OperationDoc[] = [
  {
    operationId: 'seed001Generate',
    method: 'post',
    path: '/otp/generate',
    tag: 'phone',
    summary: 'Send a code by SMS',
    description:
      'Sends a new 4-digit code to `phone_number` (normalised to E.164), valid 5 minutes. A new code replaces the previous one; at most one per 60 s.',
    security: [],
    body: { schema: GenerateOtpRequest, examples: { phone: { value: phone } } },
    responses: {
      200: ok('Sent', answerSchema, {
        sent: { detail: 'OTP generated and sent.' },
        demo: { detail: 'OTP generated and sent.', otp: '4821' },
      }),
      422: badPhone,
      429: {
        ...fastApi.detail('Less than 60 s since the last code, or too many requests', {
          too_early: 'Please wait before requesting a new OTP.',
          rate_limited: 'Too many requests',
        }),
        headers: fastApi.rateLimited().headers,
      },
      ...deliveryErrors,
    },
  },
  {
    operationId: 'seed001Resend',
    method: 'post',
    path: '/otp/resend',
    tag: 'phone',
    summary: 'Send the code again',
    description:
      'A fresh code for a number that has one, 60 s after the last send at the earliest. Resending does not refill the guessing budget: at most 10 wrong guesses per number per hour.',
    security: [],
    body: { schema: ResendOtpRequest, examples: { phone: { value: phone } } },
    responses: {
      200: ok('Sent again', answerSchema, {
        sent: { detail: 'OTP resent.' },
        demo: { detail: 'OTP resent.', otp: '0937' },
      }),
      404: fastApi.detail('No code was generated for this number', {
        not_found: 'OTP not found. Please generate an OTP first.',
      }),
      422: badPhone,
      429: {
        ...fastApi.detail('Less than 60 s since the last code, or too many requests', {
          too_early: 'Please wait before resending OTP.',
          rate_limited: 'Too many requests',
        }),
        headers: fastApi.rateLimited().headers,
      },
      ...deliveryErrors,
    },
  },
  {
    operationId: 'seed001Verify',
    method: 'post',
    path: '/otp/verify',
    tag: 'phone',
    summary: 'Check a code',
    description: 'Three wrong tries end the code; a right one is used up.',
    security: [],
    body: { schema: VerifyOtpRequest, examples: { verify: { value: { ...phone, otp: '4821' } } } },
    responses: {
      200: ok('Right code', answerSchema, { verified: { detail: 'OTP verified successfully.' } }),
      400: fastApi.detail('Expired, or wrong with tries left', {
        expired: 'OTP expired, please generate a new OTP.',
        invalid: 'Invalid OTP. 2 attempt(s) left.',
      }),
      403: fastApi.detail('Third wrong try: the code is dead', {
        too_many_attempts: 'Too many failed attempts, please generate a new OTP.',
      }),
      404: fastApi.detail('No code for this number', { not_found: 'OTP not generated for this number.' }),
      422: fastApi.validation(['body', 'otp']),
      429: {
        ...fastApi.detail('Ten wrong guesses for this number within an hour, or too many requests', {
          locked_out: 'Too many failed attempts for this number, please try again later.',
          rate_limited: 'Too many requests',
        }),
        headers: fastApi.rateLimited().headers,
      },
    },
  },
]
