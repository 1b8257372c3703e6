import { describe, expect, it } from 'vitest'
import { otpEmail, otpSmsText } from './messages'

describe('otpSmsText', () => {
  it('is seed 003’s sentence with the WebOTP line last', () => {
    expect(otpSmsText({ code: '123456', ttlSeconds: 300, webOtpHost: 'door.example.com' })).toBe(
      'Your verification code is: 123456. This code expires in 5 minutes.\n\n@door.example.com #123456',
    )
    expect(otpSmsText({ code: '12', ttlSeconds: 60, webOtpHost: 'localhost' })).toMatch(/expires in 1 minute\.\n\n@localhost #12$/)
  })
})

describe('otpEmail', () => {
  it('carries the code in plain text and HTML', () => {
    const mail = otpEmail({ to: 'a@example.com', code: 'AB12', ttlSeconds: 600 })
    expect(mail).toMatchObject({ to: 'a@example.com', subject: 'Your verification code' })
    expect(mail.text).toContain('Your verification code is: AB12')
    expect(mail.text).toContain('expires in 10 minutes')
    expect(mail.html).toContain('>AB12</strong>')
  })
})
