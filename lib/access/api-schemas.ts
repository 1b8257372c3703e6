// The request and response schemas of the admin API for doors, access groups and guest passes, and
// of the guest's own page API. Route handlers validate with them and /openapi.json is generated from
// them. Their routes answer a body that breaks them with 400 and the field named (SPEC "Doors and
// access rules"), where the older admin routes answer 422.
import { z } from 'zod'
import { PhoneNumber } from '@/lib/otp/phone'
import { emailSchema } from '@/lib/users/contact'
import { isValidTimeZone, scheduleSchema } from './schedule'

// --- Shared parts ------------------------------------------------------------------------------

/** An id that names a door or a group in a request; whether it exists is checked in code (400). */
export const accessIdSchema = z.string().min(1).max(100)

/**
 * An instant in a request body. It needs its offset (`Z` or `+01:00`): without one it would be read
 * in the server's time zone, which is not the admin's.
 */
export const instantInputSchema = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with its offset, e.g. 2026-12-24T18:00:00+01:00' })
  .transform((value) => new Date(value))

// --- Doors -------------------------------------------------------------------------------------

/**
 * Chosen ids are slugs: a door's id is part of its MQTT topics (`qrdoor/doors/{id}/unlock`), where
 * `/`, `+` and `#` mean something, and relay controllers are configured with it by hand.
 */
const doorSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id must be 1–64 lower-case letters, digits and dashes, e.g. back-door')

/**
 * An IANA zone name. The pattern keeps out offsets such as "+01:00": PostgreSQL's grant statement
 * reads the zone too (AT TIME ZONE), and it reads offsets with the POSIX sign, the opposite of ISO.
 */
const timeZoneSchema = z
  .string()
  .trim()
  .max(100)
  .refine(
    (zone) => /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone) && isValidTimeZone(zone),
    'timeZone must be an IANA time zone such as Europe/Berlin or UTC',
  )

const doorNameSchema = z.string().trim().min(1).max(100)
const unlockSecondsSchema = z.int().min(1).max(3600).describe('How long the lock stays open after a grant, 1–3600 s')

export const createDoorRequestSchema = z.object({
  id: doorSlugSchema.optional().describe('Left out: a random id. Used in MQTT topics, so short and readable helps'),
  name: doorNameSchema,
  timeZone: timeZoneSchema.default('UTC').describe('The IANA time zone its groups’ schedules are read in'),
  unlockSeconds: unlockSecondsSchema.default(5),
  lockdown: z.boolean().default(false).describe('While true, the door refuses everyone'),
})

export const updateDoorRequestSchema = z.object({
  name: doorNameSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  unlockSeconds: unlockSecondsSchema.optional(),
  lockdown: z.boolean().optional(),
})

export const doorSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  unlockSeconds: z.int(),
  lockdown: z.boolean(),
})

export const doorListResponseSchema = z.object({ doors: z.array(doorSchema) })

// --- Access groups -----------------------------------------------------------------------------

const groupNameSchema = z.string().trim().min(1).max(100)
const doorIdsSchema = z.array(accessIdSchema).max(100).describe('The doors the group may open')

export const createGroupRequestSchema = z.object({
  name: groupNameSchema.describe('Unique'),
  doorIds: doorIdsSchema.default([]),
  schedule: scheduleSchema.default([]),
})

export const updateGroupRequestSchema = z.object({
  name: groupNameSchema.optional(),
  doorIds: doorIdsSchema.optional().describe('Replaces the group’s doors'),
  schedule: scheduleSchema.optional(),
})

export const groupSchema = z.object({
  id: z.string(),
  name: z.string(),
  doorIds: z.array(z.string()),
  schedule: scheduleSchema,
})

export const groupListResponseSchema = z.object({ groups: z.array(groupSchema) })

// --- Guest passes ------------------------------------------------------------------------------

export const GUEST_PASS_STATES = ['upcoming', 'active', 'used_up', 'expired', 'revoked'] as const
export const guestPassStateSchema = z.enum(GUEST_PASS_STATES)
export type GuestPassState = z.infer<typeof guestPassStateSchema>

/** Enough for any visit; the bound keeps the number in a 32-bit column. */
export const GUEST_PASS_MAX_USES = 100_000

export const createGuestPassRequestSchema = z.object({
  name: z.string().trim().min(1).max(200).describe('Shown on the guest’s page and at the kiosk'),
  email: emailSchema.optional().describe('The link is sent here too'),
  phone: PhoneNumber.optional().describe('The link is sent here too, by SMS'),
  groupIds: z
    .array(accessIdSchema)
    .min(1, 'groupIds must name at least one group: without one the pass opens no door')
    .max(100)
    .describe('The groups whose doors and schedules the pass follows'),
  validFrom: instantInputSchema.describe('The pass opens doors from then on'),
  validUntil: instantInputSchema.describe('…and until then (exclusive); after validFrom and in the future'),
  maxUses: z.int().min(1).max(GUEST_PASS_MAX_USES).nullable().optional().describe('Granted scans allowed; left out or null: no limit'),
})

export const guestPassSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  groupIds: z.array(z.string()),
  validFrom: z.iso.datetime(),
  validUntil: z.iso.datetime(),
  maxUses: z.int().nullable(),
  uses: z.int().describe('Granted scans so far'),
  state: guestPassStateSchema.describe('upcoming, active, used_up, expired or revoked, at the time of the answer'),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
})

export const createGuestPassResponseSchema = guestPassSchema.extend({
  url: z.string().describe('The guest’s link, `…/g/<token>`. Shown only in this answer: only a hash of the token is kept'),
  deliveries: z
    .array(
      z.object({
        channel: z.enum(['email', 'sms']),
        recipient: z.string(),
        status: z.enum(['sent', 'demo', 'failed', 'unavailable']),
      }),
    )
    .describe('How the link was sent to the e-mail address and phone number given (the outbox has the details)'),
})

export const guestPassListResponseSchema = z.object({ guestPasses: z.array(guestPassSchema).describe('Newest first') })

/** What the guest's page (/g/{token}) reads: the pass, and its QR code while it opens doors. */
export const guestViewResponseSchema = z.object({
  name: z.string(),
  state: guestPassStateSchema,
  validFrom: z.iso.datetime(),
  validUntil: z.iso.datetime(),
  maxUses: z.int().nullable(),
  uses: z.int(),
  qrString: z.string().nullable().describe('The door pass to show as a QR code; only while the state is active'),
  shortCode: z.string().nullable().describe('The same pass to type at a kiosk (pass number and code, grouped); only while active'),
  secondsUntilRotation: z.int().nullable().describe('When the QR code changes; only while active'),
  secondsUntilUsable: z.int().nullable().describe('0 unless the current codes were used already; only while active'),
  granted: z.boolean().describe('True for a few seconds after a kiosk granted this pass: the page shows "Access granted"'),
})
