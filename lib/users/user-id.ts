// Seed 000 let clients pick any user id (it is a path segment and the payload of the QR string), so
// ids stay free-form; the limits keep them printable, usable in a URL path and small enough for a QR.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'

export const USER_ID_MAX_LENGTH = 128

export const userIdSchema = z
  .string()
  .min(1)
  .max(USER_ID_MAX_LENGTH)
  // eslint-disable-next-line no-control-regex -- control characters are what this pattern refuses
  .regex(/^[^\u0000-\u001f\u007f/]+$/u, 'must not contain control characters or "/"')
  .describe('The seed-000 user_id: 1–128 printable characters, no "/"')

export function isValidUserId(value: string): boolean {
  return userIdSchema.safeParse(value).success
}

export function newUserId(): string {
  return randomUUID()
}
