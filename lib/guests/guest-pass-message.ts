// The words of the message that brings a guest their link, by e-mail or SMS.
import type { EmailMessage } from '@/lib/delivery/email'

/** Times in UTC, with the zone named: the guest's own zone is not known, and doors may differ. */
function formatInstant(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

interface GuestPassMessageInput {
  name: string
  url: string
  validFrom: Date
  validUntil: Date
}

export function guestPassSmsText(o: GuestPassMessageInput): string {
  return `${o.name}, your door pass (valid ${formatInstant(o.validFrom)} to ${formatInstant(o.validUntil)}): ${o.url}`
}

export function guestPassEmail(o: GuestPassMessageInput & { to: string }): EmailMessage {
  const from = formatInstant(o.validFrom)
  const until = formatInstant(o.validUntil)
  // The name is typed by an admin and the URL holds only base64url characters, but both go into
  // HTML: escaped all the same.
  return {
    to: o.to,
    subject: 'Your door pass',
    text:
      `Hello ${o.name},\n\n` +
      `Open this link on your phone and show the QR code at the door:\n${o.url}\n\n` +
      `The pass is valid from ${from} to ${until}.\n` +
      'Keep the link to yourself: anyone who has it can open the door with it.\n',
    html:
      '<!doctype html><html><body style="font-family:system-ui,sans-serif">' +
      `<h2>Your door pass</h2><p>Hello ${escapeHtml(o.name)},</p>` +
      `<p>Open this link on your phone and show the QR code at the door:<br><a href="${escapeHtml(o.url)}">${escapeHtml(o.url)}</a></p>` +
      `<p>The pass is valid from ${from} to ${until}.</p>` +
      '<p style="color:#666">Keep the link to yourself: anyone who has it can open the door with it.</p>' +
      '</body></html>',
  }
}
