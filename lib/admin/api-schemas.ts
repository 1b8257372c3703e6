// The request and response schemas of the admin console's API: access log (JSON, CSV, chart),
// API keys, deliveries and signing a user out everywhere. Route handlers validate with them and
// /openapi.json is generated from them. Users' and kiosks' own schemas stay in
// lib/door/api-schemas.ts; doors', groups' and guest passes' are in lib/access/api-schemas.ts.
import { z } from 'zod'
import { ACCESS_EVENT_REASONS } from '@/lib/door/access-event'
import { ACCESS_EVENT_MAX_ID } from '@/lib/door/list-access-events'
import { USER_ID_MAX_LENGTH } from '@/lib/users/user-id'

// --- Shared query parts ------------------------------------------------------------------------

/**
 * An instant in a query string. A date-time needs its offset (`Z` or `+01:00`): without one it would
 * be read in the server's time zone. A bare date is midnight UTC.
 */
const instantSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((value) => new Date(value))

const pageLimitSchema = z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1–200 (50 by default)')

const cursorSchema = z.string().max(200).optional().describe('`nextCursor` of the previous page')

export const scanReasonSchema = z.enum(ACCESS_EVENT_REASONS)
const scanResultSchema = z.enum(['granted', 'denied'])

const personFilters = {
  user: z.string().min(1).max(USER_ID_MAX_LENGTH).optional().describe('Only this user’s events (a user id)'),
  kiosk: z.string().min(1).max(100).optional().describe('Only this kiosk’s events (a kiosk id)'),
}

const accessLogFilters = {
  ...personFilters,
  door: z.string().min(1).max(100).optional().describe('Only the events at this door (a door id)'),
  result: scanResultSchema.optional(),
  reason: scanReasonSchema.optional().describe('Only events with this reason'),
  from: instantSchema.optional().describe('Inclusive start: ISO 8601 date-time with offset, or a date (midnight UTC)'),
  to: instantSchema.optional().describe('Exclusive end: ISO 8601 date-time with offset, or a date (midnight UTC)'),
}

// --- Access log --------------------------------------------------------------------------------

export const accessLogCsvQuerySchema = z.object(accessLogFilters)

export const accessLogQuerySchema = z.object({
  ...accessLogFilters,
  cursor: cursorSchema,
  limit: pageLimitSchema,
  after: z.coerce
    .number()
    .int()
    .min(0)
    .max(ACCESS_EVENT_MAX_ID)
    .optional()
    .describe('Only events newer than the one with this id (live refresh: pass the highest id shown)'),
})

export const accessEventSchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  kioskId: z.string().nullable(),
  kioskName: z.string().nullable(),
  doorId: z.string().nullable().describe('The door whose rules decided; null when an API client checked the pass alone'),
  doorName: z.string().nullable(),
  result: scanResultSchema,
  reason: scanReasonSchema,
  message: z.string().describe('What the kiosk showed, e.g. "Code already used"'),
  input: z.string().nullable().describe('What the scanner read (first 200 characters), kept for unreadable scans'),
})

export const accessEventListResponseSchema = z.object({
  events: z.array(accessEventSchema).describe('Newest first'),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page'),
})

export const STATS_BUCKETS = ['hour', 'day'] as const

export const accessStatsQuerySchema = z.object({
  ...personFilters,
  bucket: z.enum(STATS_BUCKETS).default('hour').describe('Bucket size, in UTC'),
  from: instantSchema
    .optional()
    .describe('Inclusive start (24 hours or 30 days before `to` by default). At most 31 days of hours, 366 of days'),
  to: instantSchema.optional().describe('Exclusive end (now by default)'),
})

export const accessStatsResponseSchema = z.object({
  bucket: z.enum(STATS_BUCKETS),
  buckets: z
    .array(z.object({ start: z.iso.datetime(), granted: z.number().int(), denied: z.number().int() }))
    .describe('Every bucket from the one holding `from` up to `to`, oldest first, empty ones included'),
})

// --- API keys ----------------------------------------------------------------------------------

export const apiKeyIdParamsSchema = z.object({ id: z.string().min(1).max(100) })

export const createApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(100).describe('What the key is for, e.g. "Billing backend"'),
})

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to recognise it'),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable().describe('Updated at most once a minute'),
})

export const apiKeyListResponseSchema = z.object({ apiKeys: z.array(apiKeySchema) })

export const createApiKeyResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  key: z.string().describe('The key itself, for `Authorization: Bearer <key>`. Shown only in this response'),
  createdAt: z.iso.datetime(),
})

// --- Deliveries --------------------------------------------------------------------------------

export const deliveryListQuerySchema = z.object({ cursor: cursorSchema, limit: pageLimitSchema })

export const deliverySchema = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: z.string().nullable(),
  status: z
    .enum(['queued', 'sent', 'failed', 'demo'])
    .describe('queued: sign-in codes waiting to go out, or to be tried again (see error)'),
  providerId: z.string().nullable().describe('The provider’s message id (SMTP message id, Twilio SID)'),
  error: z.string().nullable(),
  body: z.string().optional().describe('The message text; only in demo mode, where nothing was sent'),
  createdAt: z.iso.datetime(),
})

export const deliveryListResponseSchema = z.object({
  deliveries: z.array(deliverySchema).describe('Newest first'),
  nextCursor: z.string().nullable(),
})

// --- Users ------------------------------------------------------------------------------------

export const signOutUserResponseSchema = z.object({
  revoked: z.number().int().describe('How many live sessions were ended'),
})
