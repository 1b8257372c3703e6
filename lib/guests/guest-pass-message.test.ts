import { describe, expect, it } from 'vitest'
import { guestPassEmail, guestPassSmsText } from './guest-pass-message'

const input = {
  name: '<b>Eve</b> & "friends"',
  url: 'https://door.example.com/g/q3Vx0b8Lr2mT9yKd4WsN1A',
  validFrom: new Date('2026-12-01T08:00:00Z'),
  validUntil: new Date('2026-12-03T17:30:00Z'),
}

describe('guest pass messages', () => {
  it('e-mails the link and the window, with the name escaped in the HTML', () => {
    const email = guestPassEmail({ ...input, to: 'eve@example.com' })
    expect(email).toMatchObject({ to: 'eve@example.com', subject: 'Your door pass' })
    expect(email.text).toContain(input.url)
    expect(email.text).toContain('from 2026-12-01 08:00 UTC to 2026-12-03 17:30 UTC')
    expect(email.html).toContain('&#60;b&#62;Eve&#60;/b&#62; &#38; &#34;friends&#34;')
    expect(email.html).not.toContain('<b>Eve')
    expect(email.html).toContain(`<a href="${input.url}">`)
  })

  it('texts the link and the window', () => {
    expect(guestPassSmsText(input)).toBe(
      `<b>Eve</b> & "friends", your door pass (valid 2026-12-01 08:00 UTC to 2026-12-03 17:30 UTC): ${input.url}`,
    )
  })
})
