import { z } from 'zod'

export const kioskScanRequestSchema = z
  .object({ input: z.string().min(1, 'Scan or type a pass code').max(500) })
  .meta({ id: 'KioskScanRequest' })
