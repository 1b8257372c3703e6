// The session cookie's Secure flag with TRUSTED_PROXIES=0 and no APP_ORIGIN: a client's
// X-Forwarded-Proto (which Next also turns into the request URL's scheme) changes nothing.
import { describe, expect, it } from 'vitest'
import { POST as logout } from '@/app/api/auth/logout/route'

describe('the session cookie behind no trusted proxy', () => {
  it('ignores a forged X-Forwarded-Proto', async () => {
    const request = new Request('https://door.local/api/auth/logout', {
      method: 'POST',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.9.0.1' },
    })
    const response = await logout(request, { params: Promise.resolve({}) })
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toMatch(/^qrdoor_session=;/)
    expect(response.headers.get('set-cookie')).not.toMatch(/Secure/)
  })
})
