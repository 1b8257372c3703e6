// The words of the one-time-code messages, for every API and the login page.
import type { EmailMessage } from './email'

function expiresIn(ttlSeconds: number): string {
  const minutes = Math.max(1, Math.round(ttlSeconds / 60))
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

/**
 * The SMS: seed 003's sentence, then the WebOTP line (`@host #code`), which must be the last line
 * for browsers to offer the code to the page of that host.
 */
export function otpSmsText(o: { code: string; ttlSeconds: number; webOtpHost: string }): string {
  return `Your verification code is: ${o.code}. This code expires in ${expiresIn(o.ttlSeconds)}.\n\n@${o.webOtpHost} #${o.code}`
}

export function otpEmail(o: { to: string; code: string; ttlSeconds: number }): EmailMessage {
  const expiry = expiresIn(o.ttlSeconds)
  // Codes come from our own alphabets (letters and digits), so they need no HTML escaping.
  return {
    to: o.to,
    subject: 'Your verification code',
    text:
      `Your verification code is: ${o.code}\n\n` +
      `This code expires in ${expiry}.\n` +
      `If you did not ask for this code, you can ignore this e-mail.\n`,
    html:
      '<!doctype html><html><body style="font-family:system-ui,sans-serif">' +
      '<h2>Verification code</h2>' +
      `<p>Your verification code is: <strong style="font-size:1.4em;letter-spacing:0.15em">${o.code}</strong></p>` +
      `<p>This code expires in ${expiry}.</p>` +
      '<p style="color:#666">If you did not ask for this code, you can ignore this e-mail.</p>' +
      '</body></html>',
  }
}
