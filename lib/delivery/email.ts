// E-mail through nodemailer over SMTP (SMTP_SERVER, SMTP_PORT, SMTP_SECURE, EMAIL_ADDRESS,
// EMAIL_PASSWORD).
import 'server-only'
import nodemailer from 'nodemailer'
import { withDeadline } from './deadline'
import type { SmtpSettings } from './settings'

export interface EmailMessage {
  to: string
  subject: string
  text: string
  html: string
}

/** Sends one message and returns the provider's id for it (the SMTP Message-ID). */
export async function sendEmail(o: { settings: SmtpSettings; message: EmailMessage; timeoutMs: number }): Promise<string> {
  const { settings, message, timeoutMs } = o
  const transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user && settings.password ? { user: settings.user, pass: settings.password } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  })
  try {
    const info = await withDeadline(
      transporter.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text, html: message.html }),
      timeoutMs,
      `SMTP server ${settings.host}:${settings.port}`,
    )
    return info.messageId
  } finally {
    transporter.close()
  }
}
