// Next's proxy (the renamed middleware), run before routing. The home page owns GET /, while seed
// 004's clients POST / to make a code: that POST is rewritten to its route handler.
import { NextResponse, type NextRequest } from 'next/server'

export const SEED004_GENERATE_PATH = '/api/seed004/generate'

export function proxy(request: NextRequest) {
  if (request.method === 'POST' && request.nextUrl.pathname === '/') {
    const target = request.nextUrl.clone()
    target.pathname = SEED004_GENERATE_PATH
    return NextResponse.rewrite(target)
  }
  return NextResponse.next()
}

export const config = { matcher: '/' }
