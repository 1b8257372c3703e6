import { describe, expect, it } from 'vitest'
import { pageSecurityHeaders } from './security-headers'

const production = { nonce: 'bm9uY2U=', development: false }

describe('pageSecurityHeaders', () => {
  it('gives pages a nonce-based CSP that no other site may frame, a same-origin referrer and no camera', () => {
    expect(pageSecurityHeaders({ pathname: '/login', ...production })).toEqual({
      'Content-Security-Policy': [
        "default-src 'self'",
        "script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'",
        "style-src 'self' 'nonce-bm9uY2U='",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
      'Referrer-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
    })
  })

  it('lets the kiosk, and only the kiosk, use the camera', () => {
    expect(pageSecurityHeaders({ pathname: '/kiosk', ...production })['Permissions-Policy']).toBe(
      'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
    )
    for (const pathname of ['/', '/pass', '/admin/kiosks', '/kiosks', '/kiosk-x']) {
      expect(pageSecurityHeaders({ pathname, ...production })['Permissions-Policy'], pathname).toMatch(/^camera=\(\),/)
    }
  })

  it('allows what React needs in development: eval, and inline styles', () => {
    const csp = pageSecurityHeaders({ pathname: '/', nonce: 'n', development: true })['Content-Security-Policy']
    expect(csp).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval';")
    expect(csp).toContain("style-src 'self' 'unsafe-inline';")
  })
})
