import type { AccessEventReason } from './access-event'

/** What the kiosk screen (and the access log) says for each result: short, readable from a step away. */
export const scanMessages: Record<AccessEventReason, string> = {
  granted: 'Access granted',
  wrong_code: 'Code not valid: refresh your pass',
  replay: 'Code already used',
  unknown_user: 'Unknown pass',
  disabled_user: 'Pass disabled',
  malformed: 'Not a QR Door pass',
  no_access: 'No access to this door',
  outside_schedule: 'Not allowed at this time',
  not_yet_valid: 'Pass not valid yet',
  access_expired: 'Pass expired',
  uses_exhausted: 'Pass used up',
  lockdown: 'Door in lockdown',
  remote_unlock: 'Unlocked remotely',
}
