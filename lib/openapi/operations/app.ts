// The JSON endpoints behind QR Door's own pages: sign-in, the pass page and the kiosk.
import { z } from 'zod'
import { kioskMeResponseSchema, kioskScanRequestSchema, kioskScanResponseSchema } from '@/lib/door/pass-schemas'
import {
  loginErrorDetailsSchema,
  sessionUserSchema,
  startLoginRequestSchema,
  startLoginResponseSchema,
  verifyLoginRequestSchema,
  verifyLoginResponseSchema,
} from '@/lib/login/schemas'
import { app, appErrorSchema, ok } from '../responses'
import type { OperationDoc } from '../types'

const passSchema = z.object({
  userId: z.string(),
  name: z.string(),
  qrString: z.string().describe('`<base32(user_id)>_<6-digit TOTP>`, as GET /otp/{user_id}'),
  shortCode: z
    .string()
    .nullable()
    .describe(
      'The same pass to type at a kiosk: the pass number and the code, grouped (`K7QM 2X · 123 456`); any case, spaces and dashes ignored',
    ),
  secondsUntilRotation: z.number(),
  secondsUntilUsable: z.number(),
  grantSeconds: z.int(),
})

// The kiosk's own response type (lib/door/pass-schemas.ts), so the document lists every reason.
const scanSchema = kioskScanResponseSchema

const setCookie = {
  'Set-Cookie': {
    description: 'The session cookie `qrdoor_session` (HttpOnly, SameSite=Lax, Secure over HTTPS)',
    schema: { type: 'string' },
  },
}

const user = { id: '6f1c2f0e-2a7b-4c55-8f0e-4b7d2f0c9a10', name: 'ada', role: 'user' }

/** AppError with sign-in's details (tries left, waits, a lock-out's end). */
const loginErrorSchema = z
  .object({ error: appErrorSchema.shape.error.extend({ details: loginErrorDetailsSchema.optional() }) })
  .meta({ id: 'LoginError' })

const badAddress = app.error(
  'Not an e-mail address or E.164 phone number, or the body breaks the schema',
  'bad_request',
  'Enter an e-mail address or a phone number in international form (+…)',
)

export const appOperations: OperationDoc[] = [
  {
    operationId: 'startLogin',
    method: 'post',
    path: '/api/auth/login',
    tag: 'app',
    summary: 'Send a sign-in code',
    description:
      'Sends a code to an e-mail address or phone number. Every address gets the same answer at once, whether it may sign in or not and whether the provider works: a code for an address that may sign in is written to the outbox and sent just after the answer (tried again on failure; the admin outbox shows how it went), the others get none. While the address is locked out after too many wrong codes, no code is sent and the answer says until when.',
    security: [],
    body: { schema: startLoginRequestSchema, examples: { email: { value: { address: 'ada@example.com' } } } },
    responses: {
      200: ok('Sent, if this address may sign in', startLoginResponseSchema, {
        sent: { channel: 'email', sentTo: 'ad•@example.com', expiresInSeconds: 600, resendAfterSeconds: 30, createsFirstAdmin: false },
      }),
      400: badAddress,
      429: {
        description: 'Too early for another code, the address is locked out after too many wrong codes, or too many requests',
        schema: loginErrorSchema,
        headers: { 'Retry-After': { description: 'Seconds until a code may be asked for again', schema: { type: 'integer', minimum: 1 } } },
        examples: {
          cooldown: {
            value: {
              error: { code: 'rate_limited', message: 'Wait 24 s before asking for another code', details: { retryAfterSeconds: 24 } },
            },
          },
          locked_out: {
            value: {
              error: {
                code: 'rate_limited',
                message: 'Too many wrong codes for this address. Try again in 58 min.',
                details: { retryAfterSeconds: 3480, lockedUntil: '2026-11-21T11:02:00.000Z' },
              },
            },
          },
        },
      },
      503: app.error('The channel is not configured', 'unavailable', 'Codes cannot be sent by SMS here: SMS delivery is not configured'),
    },
  },
  {
    operationId: 'verifyLogin',
    method: 'post',
    path: '/api/auth/verify',
    tag: 'app',
    summary: 'Sign in with the code',
    description: 'A right code starts a session: the answer sets the session cookie.',
    security: [],
    body: {
      schema: verifyLoginRequestSchema,
      examples: { verify: { value: { address: 'ada@example.com', code: '123456' } } },
    },
    responses: {
      200: {
        ...ok('Signed in', verifyLoginResponseSchema, {
          signedIn: { user, createdAdmin: false },
        }),
        headers: setCookie,
      },
      400: {
        ...app.error(
          'Wrong code, a code that is not 6 digits (no try used), or a bad address',
          'bad_request',
          'That code is not right. 2 tries left.',
        ),
        schema: loginErrorSchema,
        examples: {
          invalid: {
            value: { error: { code: 'bad_request', message: 'That code is not right. 2 tries left.', details: { attemptsLeft: 2 } } },
          },
          last_try: {
            value: {
              error: {
                code: 'bad_request',
                message: 'That code is not right, and that was the last try. Ask for a new code.',
                details: { attemptsLeft: 0 },
              },
            },
          },
          malformed: {
            value: {
              error: {
                code: 'bad_request',
                message: 'The request does not match the schema',
                issues: [{ path: 'code', message: 'Enter the 6 digits of the code' }],
              },
            },
          },
        },
      },
      403: app.error('The account is disabled', 'forbidden', 'This account cannot sign in. Ask an administrator.'),
      410: app.error('The code expired', 'gone', 'This code has expired. Ask for a new one.'),
      429: {
        description:
          'The code’s tries are used up, the address is locked out from this network (10 wrong codes an hour) or from all (100), or too many requests',
        schema: loginErrorSchema,
        headers: { 'Retry-After': { description: 'Seconds until the limit or lock-out ends', schema: { type: 'integer', minimum: 1 } } },
        examples: {
          tries_used_up: {
            value: { error: { code: 'rate_limited', message: 'Too many wrong codes. Ask for a new code.', details: { attemptsLeft: 0 } } },
          },
          locking_code: {
            value: {
              error: {
                code: 'rate_limited',
                message: 'That code is not right. Too many wrong codes for this address: try again in 60 min.',
                details: { attemptsLeft: 0, retryAfterSeconds: 3569, lockedUntil: '2026-11-21T11:00:01.000Z' },
              },
            },
          },
          locked_out: {
            value: {
              error: {
                code: 'rate_limited',
                message: 'Too many wrong codes for this address. Try again in 58 min.',
                details: { attemptsLeft: 0, retryAfterSeconds: 3480, lockedUntil: '2026-11-21T11:00:01.000Z' },
              },
            },
          },
        },
      },
    },
  },
  {
    operationId: 'logout',
    method: 'post',
    path: '/api/auth/logout',
    tag: 'app',
    summary: 'Sign out',
    description: 'Ends this browser’s session, if any, and clears the cookie.',
    security: [],
    responses: {
      200: { ...ok('Signed out', z.object({ signedOut: z.literal(true) }), { signedOut: { signedOut: true } }), headers: setCookie },
      403: app.crossSite(),
    },
  },
  {
    operationId: 'getSession',
    method: 'get',
    path: '/api/auth/session',
    tag: 'app',
    summary: 'Who is signed in',
    security: ['session'],
    responses: {
      200: ok('The signed-in user', z.object({ user: sessionUserSchema }), { user: { user } }),
      401: app.unauthorized(),
      403: app.forbidden(),
      429: app.rateLimited(),
    },
  },
  {
    operationId: 'getMyPass',
    method: 'get',
    path: '/api/pass',
    tag: 'app',
    summary: 'My door pass, with its countdown',
    security: ['session'],
    responses: {
      200: ok('The current pass', passSchema, {
        pass: {
          userId: user.id,
          name: 'ada',
          qrString: 'GZTDCYZSMYYGKLJSMI3WELJUMM2TKLJYMYYGKLJUMI3WIMTGGBRTSYJRGA======_492039',
          shortCode: 'K7QM 2X · 492 039',
          secondsUntilRotation: 17,
          secondsUntilUsable: 0,
          grantSeconds: 30,
        },
      }),
      401: app.unauthorized(),
      403: app.error('The user is disabled', 'forbidden', 'This pass is disabled. Ask an administrator.'),
      404: app.error('The user has no pass yet', 'not_found', 'There is no door pass for this account yet.'),
      429: app.rateLimited(),
    },
  },
  {
    operationId: 'getKiosk',
    method: 'get',
    path: '/api/kiosk/me',
    tag: 'app',
    summary: 'Which kiosk this token pairs, at which door',
    security: ['kioskToken'],
    responses: {
      200: ok('The kiosk and its door', kioskMeResponseSchema, {
        kiosk: {
          kiosk: { id: '0b7e0f55-3c1e-4f0a-9a51-5f4f3e2b9c11', name: 'Lobby tablet' },
          door: { id: 'front-door', name: 'Front door' },
        },
      }),
      401: app.unauthorized(),
      403: app.forbidden(),
      429: app.rateLimited(),
    },
  },
  {
    operationId: 'kioskScan',
    method: 'post',
    path: '/api/kiosk/scans',
    tag: 'app',
    summary: 'Check a scanned pass, for the kiosk screen',
    description: 'The same check as `GET /validate/{string}`, answering with the person’s name and the reason.',
    security: ['kioskToken'],
    body: { schema: kioskScanRequestSchema, examples: { scan: { value: { input: 'OVZWK4RNGEZDG===_492039' } } } },
    responses: {
      200: ok('The verdict', scanSchema, {
        granted: { granted: true, reason: 'granted', message: 'Access granted', userName: 'Ada', grantedUntil: '2026-11-21T12:00:30.000Z' },
        replay: { granted: false, reason: 'replay', message: 'Code already used', userName: 'Ada', grantedUntil: null },
      }),
      400: app.error('The body breaks the schema', 'bad_request', 'The request does not match the schema'),
      401: app.unauthorized(),
      403: app.forbidden(),
      429: app.rateLimited(),
    },
  },
]
