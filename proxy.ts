// Next's proxy (the renamed middleware), run before routing, on pages only (the matcher below; in
// production the dispatcher answers the APIs before Next sees them). Two jobs:
// - Every page gets its security headers (lib/http/security-headers.ts) with a fresh CSP nonce,
//   which Next reads from the request's copy of the policy and puts on its scripts. That is why
//   the root layout renders every page per request.
// - The home page owns GET /, while seed 004's clients POST / to make a code: that POST is rewritten
//   to its route handler (lib/http/rewrites.ts, which the production dispatcher follows too).
import { NextResponse, type NextRequest } from 'next/server'
import { rewrites } from '@/lib/http/rewrites'
import { pageSecurityHeaders } from '@/lib/http/security-headers'

export function proxy(request: NextRequest) {
  const rewrite = rewrites.find((r) => r.method === request.method && r.path === request.nextUrl.pathname)
  if (rewrite) {
    const target = request.nextUrl.clone()
    target.pathname = rewrite.to
    return NextResponse.rewrite(target)
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
  // NODE_ENV is fixed when Next builds this file; lib/env.ts is not loaded here.
  const headers = pageSecurityHeaders({ pathname: request.nextUrl.pathname, nonce, development: process.env.NODE_ENV === 'development' })
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}

export const config = {
  matcher: [
    {
      // Not the APIs under /api, Next's own files, or the docs pages, which have their own policy.
      source: '/((?!api/|_next/static|_next/image|favicon.ico|docs|redoc|openapi.json|health).*)',
      // Nor Link prefetches: data for a page already loaded, not a document.
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
