// The request and response schemas of the door API (seed 000) and the admin API for users and
// kiosks (the rest of the admin API: lib/admin/api-schemas.ts). Route handlers validate with them
// and /openapi.json is generated from them, so the documentation cannot drift from what is enforced.
import { z } from 'zod'
import { accessIdSchema, instantInputSchema } from '@/lib/access/api-schemas'
import { PhoneNumber } from '@/lib/otp/phone'
import { emailSchema, roleSchema } from '@/lib/users/contact'
import { userIdSchema } from '@/lib/users/user-id'

// --- Seed 000: door passes -------------------------------------------------------------------

export const userIdParamsSchema = z.object({ user_id: userIdSchema })

export const qrStringParamsSchema = z.object({
  string: z.string().describe('A door pass: `<base32(user_id) with = padding>_<6-digit TOTP>`'),
})

/** GET /validate/{string}?door=: an API client checks a pass against that door's rules. */
export const validateQuerySchema = z.object({
  door: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Apply this door’s rules (its groups, schedule, lockdown); without it only the pass itself is checked' }),
})

export const otpResponseSchema = z.object({
  qr_string: z.string().describe('`<base32(user_id)>_<6-digit TOTP>`, the content of the QR code'),
  seconds_until_usable: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Only when the codes of this step and the next were used already: seconds until a door accepts `qr_string`'),
})

export const validationResponseSchema = z.object({
  validation: z.boolean().describe('True when the code was right and unused: the door opens'),
})

export const isValidResponseSchema = z.object({
  user_id: z.string(),
  validation: z.boolean().describe('True while the last granted scan is less than DOOR_GRANT_SECONDS old'),
})

export const logsResponseSchema = z
  .record(z.string(), z.object({ validation: z.boolean() }))
  .describe('Every user who holds a pass, by user_id, with whether their grant is running')

// --- Admin API: kiosks -----------------------------------------------------------------------

export const kioskNameSchema = z.string().trim().min(1).max(100)

const kioskDoorIdSchema = accessIdSchema.describe('The door it stands at (its rules decide its scans)')

export const createKioskRequestSchema = z.object({
  name: kioskNameSchema,
  doorId: kioskDoorIdSchema.optional().describe('Left out: "Front door", or the oldest door when that is gone'),
})

export const updateKioskRequestSchema = z.object({ name: kioskNameSchema.optional(), doorId: kioskDoorIdSchema.optional() })

export const kioskIdParamsSchema = z.object({ id: z.string().min(1).max(100) })

export const kioskSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
  doorId: z.string().nullable().describe('Null when there was no door to stand at, or its door was deleted after it was unpaired'),
  doorName: z.string().nullable(),
  online: z.boolean().describe('A heartbeat within the last 90 s (POST /api/kiosk/heartbeat, every 30 s); never for a revoked kiosk'),
  offlineSince: z.iso
    .datetime()
    .nullable()
    .describe('When it went offline: its last heartbeat. Null while online, or when it was never seen'),
})

export const createKioskResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  doorId: z.string().nullable(),
  doorName: z.string().nullable(),
  token: z.string().describe('The kiosk bearer token. Shown only in this response'),
  pairingUrl: z.string().describe('`/kiosk?pair=<token>`: open it on the tablet to pair it'),
})

export const kioskListResponseSchema = z.object({ kiosks: z.array(kioskSchema) })

// --- Admin API: users ------------------------------------------------------------------------

const userNameSchema = z.string().trim().min(1).max(200)

const groupIdsSchema = z.array(accessIdSchema).max(100).describe('The access groups the user is in')
const accessFromSchema = instantInputSchema.nullable().describe('The user’s access starts then; null: no start')
const accessUntilSchema = instantInputSchema.nullable().describe('…and ends then (exclusive), after accessFrom; null: no end')

export const createUserRequestSchema = z
  .object({
    name: userNameSchema,
    email: emailSchema.optional(),
    phone: PhoneNumber.optional(),
    role: roleSchema.optional(),
    groupIds: groupIdsSchema.optional().describe('Left out: the group "Everyone", while it exists'),
    accessFrom: accessFromSchema.optional(),
    accessUntil: accessUntilSchema.optional(),
  })
  .refine((user) => user.email !== undefined || user.phone !== undefined, {
    message: 'Give an e-mail address or a phone number: the user logs in with a code sent there',
    path: ['email'],
  })

export const updateUserRequestSchema = z.object({
  name: userNameSchema.optional(),
  email: emailSchema.nullable().optional(),
  phone: PhoneNumber.nullable().optional(),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
  groupIds: groupIdsSchema.optional().describe('Replaces the user’s groups'),
  accessFrom: accessFromSchema.optional(),
  accessUntil: accessUntilSchema.optional(),
})

export const adminUserIdParamsSchema = z.object({ id: userIdSchema })

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: roleSchema,
  disabled: z.boolean(),
  hasPass: z.boolean(),
  lastGrantedAt: z.iso.datetime().nullable(),
  groupIds: z.array(z.string()),
  accessFrom: z.iso.datetime().nullable(),
  accessUntil: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})

export const userListResponseSchema = z.object({ users: z.array(userSchema) })
