// Seed 003, send / verify code: POST /send-code and /verify-code. Its request schemas, its policy,
// and the mapping of engine results to the seed's answers: errors as
// `{"detail": {"success": false, "message", "user_id", "error_type"}}`.
import { z } from 'zod'
import type { Db } from '@/lib/db/client'
import { ApiError, type ErrorCode } from '@/lib/http/errors'
import { issueCode } from '../issue-code'
import { OptionalPhoneNumber } from '../phone'
import type { OtpPolicy } from '../policy'
import { verifyChallenge } from '../engine'
import { limitBySubject } from './rate-limits'

const UserId = z.string().min(1).max(128).meta({ description: 'Your identifier for the user', example: 'user123' })

export const SendCodeRequest = z
  .object({
    user_id: UserId,
    method: z.enum(['sms', 'email']).meta({ description: 'How the code is delivered' }),
    phone: OptionalPhoneNumber.meta({ description: 'Required for sms, in E.164 format', example: '+14155550123' }),
    email: z
      .string()
      .trim()
      .max(254)
      .refine((value) => value === '' || z.email().safeParse(value).success, { message: 'Invalid email address' })
      .transform((value) => value || null)
      .nullish()
      .meta({ description: 'Required for email', example: 'user@example.com' }),
  })
  .meta({ id: 'Seed003SendCodeRequest' })

export const VerifyCodeRequest = z
  .object({
    user_id: UserId,
    passcode: z.string().max(64).meta({ description: 'The 6-digit code', example: '123456' }),
  })
  .meta({ id: 'Seed003VerifyCodeRequest' })

export type SendCodeInput = z.infer<typeof SendCodeRequest>
export type VerifyCodeInput = z.infer<typeof VerifyCodeRequest>

export const SEED003_POLICY: OtpPolicy = { length: 6, alphabet: 'numeric', ttlSeconds: 5 * 60, maxAttempts: 3 }

type Seed003ErrorType =
  | 'invalid_request'
  | 'invalid_code'
  | 'not_found'
  | 'expired'
  | 'too_many_attempts'
  | 'rate_limited'
  | 'delivery_failed'
  | 'channel_unavailable'

function seed003Error(
  code: ErrorCode,
  o: { message: string; userId: string | null; errorType: Seed003ErrorType; headers?: Record<string, string> },
): ApiError {
  return new ApiError(code, o.message, {
    headers: o.headers,
    detail: { success: false, message: o.message, user_id: o.userId, error_type: o.errorType },
  })
}

/** A rate-limit answer in this API's error shape (the per-IP limit's, from the route, has no user id). */
function inSeed003RateLimitShape(error: ApiError, userId: string | null): ApiError {
  if (error.code !== 'rate_limited' || error.options.detail !== undefined) return error
  return seed003Error('rate_limited', {
    message: 'Too many requests, please try again later',
    userId,
    errorType: 'rate_limited',
    headers: error.options.headers,
  })
}

/** For the routes' declarations (lib/http/route.ts): their per-IP limit answers in this API's shape. */
export function inSeed003Shape(error: ApiError): ApiError {
  return inSeed003RateLimitShape(error, null)
}

async function limitSubjects(o: { db: Db; now: Date; bucket: string; subjects: string[] }, userId: string) {
  try {
    await limitBySubject(o)
  } catch (error) {
    throw error instanceof ApiError ? inSeed003RateLimitShape(error, userId) : error
  }
}

export interface SendCodeAnswer {
  message: string
  user_id: string
  method: 'sms' | 'email'
  /** The code itself, in demo mode only. */
  otp?: string
}

export async function sendUserCode(o: { db: Db; now: Date; input: SendCodeInput }): Promise<SendCodeAnswer> {
  const { user_id: userId, method } = o.input
  const destination = method === 'sms' ? o.input.phone : o.input.email
  if (!destination) {
    throw seed003Error('bad_request', {
      message: method === 'sms' ? 'Phone number is required for SMS' : 'Email is required for email',
      userId,
      errorType: 'invalid_request',
    })
  }
  await limitSubjects({ db: o.db, now: o.now, bucket: 'seed003-send', subjects: [`user:${userId}`, `to:${destination}`] }, userId)
  const result = await issueCode({
    db: o.db,
    now: o.now,
    scope: 'seed003',
    subject: userId,
    policy: SEED003_POLICY,
    channel: method,
    destination,
  })
  if (result.ok) {
    const answer: SendCodeAnswer = { message: `OTP sent successfully via ${method}`, user_id: userId, method }
    return result.demo ? { ...answer, otp: result.code } : answer
  }
  switch (result.reason) {
    case 'unavailable':
      throw seed003Error('unavailable', { message: result.message, userId, errorType: 'channel_unavailable' })
    case 'delivery_failed':
      throw seed003Error('provider_failed', {
        message: `Failed to send OTP via ${method}: ${result.message}`,
        userId,
        errorType: 'delivery_failed',
      })
    case 'cooldown':
    case 'nothing_to_resend':
      // SEED003_POLICY has no resend wait and sends are never resends: unreachable.
      throw new Error(`unexpected issue result ${result.reason}`)
  }
}

export interface VerifyCodeAnswer {
  success: true
  message: string
  user_id: string
}

export async function verifyUserCode(o: { db: Db; now: Date; input: VerifyCodeInput }): Promise<VerifyCodeAnswer> {
  const userId = o.input.user_id
  await limitSubjects({ db: o.db, now: o.now, bucket: 'seed003-verify', subjects: [userId] }, userId)
  const result = await verifyChallenge({ db: o.db, now: o.now, scope: 'seed003', subject: userId, code: o.input.passcode })
  if (result.ok) return { success: true, message: 'OTP verified successfully', user_id: userId }
  switch (result.reason) {
    case 'not_found':
      throw seed003Error('not_found', { message: 'No OTP found for this user or OTP has expired', userId, errorType: 'not_found' })
    case 'expired':
      throw seed003Error('gone', { message: 'OTP has expired', userId, errorType: 'expired' })
    case 'too_many_attempts':
      throw seed003Error('rate_limited', { message: 'Too many failed attempts', userId, errorType: 'too_many_attempts' })
    case 'invalid':
    case 'mismatch':
      throw seed003Error('bad_request', {
        message: `Invalid OTP. ${result.attemptsLeft} attempts remaining`,
        userId,
        errorType: 'invalid_code',
      })
  }
}
