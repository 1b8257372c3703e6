import type { ScanReason } from './access-event'

/** What the kiosk screen says for each scan result: short, readable from a step away. */
export const scanMessages: Record<ScanReason, string> = {
  granted: 'Access granted',
  wrong_code: 'Code not valid: refresh your pass',
  replay: 'Code already used',
  unknown_user: 'Unknown pass',
  disabled_user: 'Pass disabled',
  malformed: 'Not a QR Door pass',
}
