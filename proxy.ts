// Next's proxy (the renamed middleware), run before routing. The home page owns GET /, while seed
// 004's clients POST / to make a code: that POST is rewritten to its route handler (lib/http/rewrites.ts,
// which the production dispatcher follows too).
import { NextResponse, type NextRequest } from 'next/server'
import { rewrites } from '@/lib/http/rewrites'

export function proxy(request: NextRequest) {
  const rewrite = rewrites.find((r) => r.method === request.method && r.path === request.nextUrl.pathname)
  if (!rewrite) return NextResponse.next()
  const target = request.nextUrl.clone()
  target.pathname = rewrite.to
  return NextResponse.rewrite(target)
}

export const config = { matcher: '/' }
