// Seed 004: codes addressed by a UUID, answered in the `{status, message, info}` envelope.
import { z } from 'zod'
import { GenerateUuidOtpParams } from '@/lib/otp/api/seed004'
import { rewrites } from '@/lib/http/rewrites'
import { envelope, envelopeSchema } from '../responses'
import type { OperationDoc } from '../types'

const uuid = '1c11604d-47fa-442a-866a-231686e14a8b'

const strictBody = {
  'lowecase tag': 'Value',
  Keys: { 'Key 1': 'Val 1', 'Key 3': { 'SubKey3-1': 'Val 3-1' } },
}

// The handler reads these in code (a non-UUID first segment is simply not its path: 404).
const verifyPath = z.object({
  uuid: z.uuid().describe('The `info.uuid` that `POST /` answered'),
  otp: z.string().describe('The code; letters compare case-insensitively'),
})

const verifyBody = z
  .record(z.string(), z.unknown())
  .describe(
    'Only for codes made with `strict_validation`: the same JSON object as the generating request. Key order and whitespace do not matter.',
  )

const verifyOperation = (method: 'get' | 'post'): OperationDoc => ({
  operationId: method === 'get' ? 'seed004Verify' : 'seed004VerifyPost',
  method,
  path: '/{uuid}/{otp}',
  tag: 'uuid',
  summary: method === 'get' ? 'Check a code' : 'Check a code (POST, for clients that cannot send a GET body)',
  description:
    'Unknown or expired → `OTP_EXPIRED`; tries used up → `OTP_ATTEMPTS`; wrong code → `OTP_INVALID` and body mismatch → `REQUEST_MISMATCH` (each uses one try). A right code is used up.' +
    (method === 'get' ? ' Swagger UI cannot send a body with GET: use the POST form to try strict validation here.' : ''),
  security: [],
  params: verifyPath,
  body: { schema: verifyBody, required: false, examples: { strict: { value: strictBody } } },
  describedOnly: ['params', 'body'],
  responses: {
    200: envelope.response('Right code', 200, ['OTP_VERIFIED']),
    400: envelope.response('A missing part, or a body that is not a JSON object', 400, [
      'OTP_MISSING',
      'JSON_INVALID',
      'REQUEST_BODY_INVALID',
    ]),
    401: envelope.response('Not accepted', 401, ['OTP_INVALID', 'OTP_EXPIRED', 'OTP_ATTEMPTS', 'REQUEST_MISMATCH']),
    404: envelope.response('The first segment is not a UUID', 404, ['NOT_FOUND']),
    429: envelope.response('Too many requests from this IP', 429, ['TOO_MANY_REQUESTS']),
  },
})

export const seed004Operations: OperationDoc[] = [
  {
    operationId: 'seed004Generate',
    method: 'post',
    path: '/',
    servedBy: rewrites[0].to,
    tag: 'uuid',
    summary: 'Make a code',
    description:
      'Parameters go in the query string or the JSON body (the query string wins). With `strict_validation`, the whole JSON body is bound to the code and a verify must present it again. ' +
      'The code comes back in `info.otp`, for the API client to deliver itself. Alphanumeric codes avoid look-alike characters.',
    security: ['apiKey'],
    query: GenerateUuidOtpParams,
    // parseGenerateParams reads them from the query string or the body, answering in the envelope.
    describedOnly: ['query', 'body'],
    body: {
      schema: GenerateUuidOtpParams,
      required: false,
      description: 'The parameters, and with `strict_validation` any other data to bind to the code.',
      examples: {
        defaults: { summary: 'Defaults: 6 digits, 60 s, 5 tries', value: {} },
        custom: { value: { ttl: 120, retry_limit: 3, code_length: 8, strict_validation: true, use_alpha_numeric: true } },
        strict: { summary: 'Bound data (parameters in the query string)', value: strictBody },
      },
    },
    responses: {
      200: {
        description: 'The code and its UUID',
        schema: envelopeSchema,
        examples: { generated: { value: { status: 200, message: 'OTP_GENERATED', info: { uuid, otp: '447317' } } } },
      },
      400: envelope.response('A parameter out of range, or a body that is not a JSON object', 400, [
        'TTL_INVALID',
        'RETRY_INVALID',
        'CODE_INVALID',
        'JSON_INVALID',
        'REQUEST_BODY_INVALID',
      ]),
      401: envelope.response('No API key', 401, ['UNAUTHORIZED']),
      429: envelope.response('Too many requests from this IP (counted before the key is checked)', 429, ['TOO_MANY_REQUESTS']),
      403: envelope.response('Credentials that are not an API key', 403, ['FORBIDDEN']),
    },
  },
  verifyOperation('get'),
  verifyOperation('post'),
]
