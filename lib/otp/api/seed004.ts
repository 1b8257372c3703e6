// Seed 004, UUID codes: POST / (for API clients) and GET /{uuid}/{otp}. Its parameter schema, and
// the mapping of engine results to the seed's `{status, message, info}` envelope and status table.
import { readBodyText } from '@/lib/http/body'
import { z } from 'zod'
import type { Db } from '@/lib/db/client'
import { containsNul } from '@/lib/http/nul'
import { ApiError } from '@/lib/http/errors'
import { canonicalJson, JsonTooDeepError } from '../canonical-json'
import { createChallenge, verifyChallenge } from '../engine'

/** Parameters arrive as query strings or JSON values: numbers may be written either way. */
const integerParam = (min: number, max: number, fallback: number, description: string) =>
  z
    .union([
      z.number(),
      z
        .string()
        .regex(/^\s*[+-]?\d+\s*$/)
        .transform(Number),
    ])
    .pipe(z.number().int().min(min).max(max))
    .default(fallback)
    .meta({ description: `${description} (${min}–${max})` })

const booleanParam = (description: string) =>
  z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')])
    .default(false)
    .meta({ description })

export const GenerateUuidOtpParams = z
  .object({
    ttl: integerParam(1, 3600, 60, 'Seconds the code lives'),
    retry_limit: integerParam(1, 60, 5, 'Tries before the code is locked'),
    code_length: integerParam(1, 10, 6, 'Characters in the code'),
    strict_validation: booleanParam('Verification must send the same JSON body as this request'),
    use_alpha_numeric: booleanParam('Letters and digits instead of digits only'),
  })
  .meta({ id: 'Seed004GenerateParams' })

export type GenerateUuidOtpParamsInput = z.input<typeof GenerateUuidOtpParams>
export type GenerateUuidOtpInput = z.infer<typeof GenerateUuidOtpParams>

const PARAM_NAMES = ['ttl', 'retry_limit', 'code_length', 'strict_validation', 'use_alpha_numeric'] as const

/** The README's 400 codes, in the order it lists them, for the first parameter that is wrong. */
const PARAM_ERRORS: Record<string, string> = {
  ttl: 'TTL_INVALID',
  retry_limit: 'RETRY_INVALID',
  code_length: 'CODE_INVALID',
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Longest JSON body accepted (and bound to a code), in characters. */
export const MAX_BODY_LENGTH = 64 * 1024

export function envelopeError(status: number, message: string): ApiError {
  const code = status === 400 ? 'bad_request' : status === 404 ? 'not_found' : 'unauthorized'
  return new ApiError(code, message, { status })
}

/**
 * Reads the optional JSON body: absent means `{}`; anything but a JSON object is refused. Returns
 * the object and its canonical text (what strict_validation compares).
 */
export async function readEnvelopeBody(request: Request): Promise<{ body: Record<string, unknown>; canonical: string }> {
  let text: string
  try {
    text = await readBodyText(request)
  } catch {
    throw envelopeError(400, 'REQUEST_BODY_INVALID')
  }
  if (text.length > MAX_BODY_LENGTH) throw envelopeError(400, 'REQUEST_BODY_INVALID')
  if (text.trim() === '') return { body: {}, canonical: '{}' }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw envelopeError(400, 'JSON_INVALID')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw envelopeError(400, 'REQUEST_BODY_INVALID')
  // Bound to the code as text, which PostgreSQL cannot store with a NUL in it (lib/http/nul.ts).
  if (containsNul(parsed)) throw envelopeError(400, 'REQUEST_BODY_INVALID')
  try {
    return { body: parsed as Record<string, unknown>, canonical: canonicalJson(parsed) }
  } catch (error) {
    if (error instanceof JsonTooDeepError) throw envelopeError(400, 'REQUEST_BODY_INVALID')
    throw error
  }
}

/** The parameters from the body, overridden by the query string (the more explicit of the two). */
export function parseGenerateParams(query: URLSearchParams, body: Record<string, unknown>): GenerateUuidOtpInput {
  const raw: Record<string, unknown> = {}
  for (const name of PARAM_NAMES) {
    const fromQuery = query.get(name)
    if (fromQuery !== null) raw[name] = fromQuery
    else if (Object.hasOwn(body, name)) raw[name] = body[name]
  }
  const result = GenerateUuidOtpParams.safeParse(raw)
  if (result.success) return result.data
  const first = String(result.error.issues[0]?.path[0] ?? '')
  throw envelopeError(400, PARAM_ERRORS[first] ?? 'REQUEST_BODY_INVALID')
}

export interface Envelope {
  status: number
  message: string
  info: Record<string, unknown>
}

export async function generateUuidOtp(o: {
  db: Db
  now: Date
  params: GenerateUuidOtpInput
  /** Canonical JSON of the request body, bound to the code when strict_validation is on. */
  canonicalBody: string
}): Promise<Envelope> {
  const { params } = o
  const { challenge, code } = await createChallenge({
    db: o.db,
    now: o.now,
    scope: 'seed004',
    subject: null,
    length: params.code_length,
    alphabet: params.use_alpha_numeric ? 'alphanumeric' : 'numeric',
    ttlSeconds: params.ttl,
    maxAttempts: params.retry_limit,
    boundData: params.strict_validation ? o.canonicalBody : null,
  })
  return { status: 200, message: 'OTP_GENERATED', info: { uuid: challenge.id, otp: code } }
}

/** Path parameters as they arrive; a first segment that is no UUID is not one of our paths. */
export function parseVerifyPath(params: { uuid?: string; otp?: string }): { uuid: string; otp: string } {
  const uuid = params.uuid?.trim() ?? ''
  const otp = params.otp ?? ''
  if (uuid === '' || otp.trim() === '') throw envelopeError(400, 'OTP_MISSING')
  if (!UUID.test(uuid)) throw envelopeError(404, 'NOT_FOUND')
  return { uuid: uuid.toLowerCase(), otp }
}

export async function verifyUuidOtp(o: { db: Db; now: Date; uuid: string; otp: string; canonicalBody: string }): Promise<Envelope> {
  const result = await verifyChallenge({
    db: o.db,
    now: o.now,
    id: o.uuid,
    scope: 'seed004',
    code: o.otp,
    boundData: o.canonicalBody,
  })
  if (result.ok) return { status: 200, message: 'OTP_VERIFIED', info: {} }
  const message = {
    not_found: 'OTP_EXPIRED',
    expired: 'OTP_EXPIRED',
    too_many_attempts: 'OTP_ATTEMPTS',
    invalid: 'OTP_INVALID',
    mismatch: 'REQUEST_MISMATCH',
  }[result.reason]
  throw envelopeError(401, message)
}
