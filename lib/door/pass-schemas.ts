import { z } from 'zod'
import { SCAN_REASONS } from './access-event'

export const kioskScanRequestSchema = z
  .object({ input: z.string().min(1, 'Scan or type a pass code').max(500) })
  .meta({ id: 'KioskScanRequest' })

/** What POST /api/kiosk/scans answers: the verdict the kiosk screen shows. */
export const kioskScanResponseSchema = z.object({
  granted: z.boolean(),
  reason: z.enum(SCAN_REASONS),
  message: z.string().describe('What the kiosk screen shows'),
  userName: z.string().nullable(),
  grantedUntil: z.iso.datetime().nullable(),
})

/** What GET /api/kiosk/me answers: the kiosk a token pairs, and the door it stands at. */
export const kioskMeResponseSchema = z.object({
  kiosk: z.object({ id: z.string(), name: z.string() }),
  door: z.object({ id: z.string(), name: z.string() }).nullable().describe('Null when the kiosk stands at no door'),
})
