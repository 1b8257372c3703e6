// Seed 001, login codes by phone: POST /otp/generate, /otp/resend, /otp/verify. Its request
// schemas, its policy, and the mapping of engine results to the seed's FastAPI answers
// (`{"detail": "..."}` with the original services' strings).
import { z } from 'zod'
import type { Db } from '@/lib/db/client'
import { ApiError, rateLimited } from '@/lib/http/errors'
import { checkCode } from '../check-code'
import { issueCode, type IssueCodeResult } from '../issue-code'
import { PhoneNumber } from '../phone'
import type { OtpPolicy } from '../policy'
import { limitBySubject } from './rate-limits'

export const GenerateOtpRequest = z.object({ phone_number: PhoneNumber }).meta({ id: 'Seed001GenerateOtpRequest' })
export const ResendOtpRequest = z.object({ phone_number: PhoneNumber }).meta({ id: 'Seed001ResendOtpRequest' })
export const VerifyOtpRequest = z
  .object({
    phone_number: PhoneNumber,
    otp: z.string().max(64).meta({ description: 'The 4-digit code', example: '1234' }),
  })
  .meta({ id: 'Seed001VerifyOtpRequest' })

export type GenerateOtpInput = z.infer<typeof GenerateOtpRequest>
export type VerifyOtpInput = z.infer<typeof VerifyOtpRequest>

export const SEED001_POLICY: OtpPolicy = {
  length: 4,
  alphabet: 'numeric',
  ttlSeconds: 5 * 60,
  maxAttempts: 3,
  resendCooldownSeconds: 60,
  guessBudget: { limit: 10, windowSeconds: 3600 },
}

export interface Seed001Answer {
  /** The original service answered successes in `detail` too (SPEC, appendix). */
  detail: string
  /** The code itself, in demo mode only. */
  otp?: string
}

function answerIssued(result: IssueCodeResult, messages: { ok: string; tooEarly: string }): Seed001Answer {
  if (result.ok) return result.demo ? { detail: messages.ok, otp: result.code } : { detail: messages.ok }
  switch (result.reason) {
    case 'cooldown':
      throw rateLimited(result.retryAfterSeconds, messages.tooEarly)
    case 'nothing_to_resend':
      throw new ApiError('not_found', 'OTP not found. Please generate an OTP first.')
    case 'unavailable':
      throw new ApiError('unavailable', `${result.message}.`)
    case 'delivery_failed':
      throw new ApiError('provider_failed', `Failed to send OTP: ${result.message}`)
  }
}

const SEND_MESSAGES = {
  new: { ok: 'OTP generated and sent.', tooEarly: 'Please wait before requesting a new OTP.' },
  resend: { ok: 'OTP resent.', tooEarly: 'Please wait before resending OTP.' },
} as const

/** Generate and resend differ only in that a resend needs an earlier code, and in their words. */
async function sendPhoneOtp(o: { db: Db; now: Date; input: GenerateOtpInput; mode: 'new' | 'resend' }): Promise<Seed001Answer> {
  const phone = o.input.phone_number
  await limitBySubject({ db: o.db, now: o.now, bucket: 'seed001-send', subjects: [phone] })
  const result = await issueCode({
    db: o.db,
    now: o.now,
    scope: 'seed001',
    subject: phone,
    policy: SEED001_POLICY,
    channel: 'sms',
    destination: phone,
    mode: o.mode,
  })
  return answerIssued(result, SEND_MESSAGES[o.mode])
}

export function generatePhoneOtp(o: { db: Db; now: Date; input: GenerateOtpInput }): Promise<Seed001Answer> {
  return sendPhoneOtp({ ...o, mode: 'new' })
}

export function resendPhoneOtp(o: { db: Db; now: Date; input: GenerateOtpInput }): Promise<Seed001Answer> {
  return sendPhoneOtp({ ...o, mode: 'resend' })
}

export async function verifyPhoneOtp(o: { db: Db; now: Date; input: VerifyOtpInput }): Promise<Seed001Answer> {
  const result = await checkCode({
    db: o.db,
    now: o.now,
    scope: 'seed001',
    subject: o.input.phone_number,
    code: o.input.otp,
    policy: SEED001_POLICY,
  })
  if (result.ok) return { detail: 'OTP verified successfully.' }
  switch (result.reason) {
    case 'not_found':
      throw new ApiError('not_found', 'OTP not generated for this number.')
    case 'expired':
      throw new ApiError('bad_request', 'OTP expired, please generate a new OTP.')
    case 'too_many_attempts':
      throw new ApiError('forbidden', 'Too many failed attempts, please generate a new OTP.')
    case 'locked_out':
      throw rateLimited(result.retryAfterSeconds, 'Too many failed attempts for this number, please try again later.')
    case 'invalid':
    case 'mismatch':
      throw new ApiError('bad_request', `Invalid OTP. ${result.attemptsLeft} attempt(s) left.`)
  }
}
