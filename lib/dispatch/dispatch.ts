// The production dispatcher (decision 0010): API requests go from node:http straight to their
// app/**/route.ts handler, with the Web Request/Response the handlers already take; pages, assets
// and everything else go on to Next. Next's router costs several times what a hot-path request may
// spend. The dispatcher also owns the bad requests on API paths, answered as JSON in the route's
// API style: bad %-encoding (400), an unsupported method or TRACE (405 with Allow), an unknown path
// under /api/ (404). Next's internal headers (rsc, next-router-*) change nothing here.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import { MAX_BODY_BYTES, withPreReadBody } from '@/lib/http/body'
import { ApiError } from '@/lib/http/errors'
import { GET_BODY_HEADER, GET_BODY_TOO_LARGE_HEADER } from '@/lib/http/get-body'
import { rewrites } from '@/lib/http/rewrites'
import { renderError, serializedBody, type ApiStyle } from '@/lib/http/styles'
import { createRouteTable, type HttpMethod, type RouteEntry, type RouteHandler } from './route-table'

type Decision =
  | { kind: 'next' }
  | { kind: 'error'; style: ApiStyle; error: ApiError }
  | { kind: 'options'; allow: string }
  | { kind: 'handle'; handler: RouteHandler; params: Record<string, string>; head: boolean }

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment)
    return true
  } catch {
    return false
  }
}

/** Returns true when it answers the request, false when the request is Next's to serve. */
export type Dispatch = (request: IncomingMessage, response: ServerResponse) => boolean

export function createDispatcher(entries: RouteEntry[]): Dispatch {
  const table = createRouteTable(entries)

  function decide(method: string, pathname: string): Decision {
    // Next's own files, and trailing slashes, which Next answers with a redirect.
    if (pathname.startsWith('/_next/') || (pathname.length > 1 && pathname.endsWith('/'))) return { kind: 'next' }
    const rewrite = rewrites.find((r) => r.method === method && r.path === pathname)
    const path = rewrite?.to ?? pathname
    const isApiPath = path.startsWith('/api/')
    const match = table.match(path)
    if (!match) {
      const segments = path.split('/')
      if (!segments.every(decodes)) {
        // Which route would it have been? Its API answers the 400.
        const probe = table.match(segments.map((s) => (decodes(s) ? s : '_')).join('/'))
        if (probe?.kind === 'route' || isApiPath) {
          const style = probe?.kind === 'route' ? probe.route.style : 'app'
          return { kind: 'error', style, error: new ApiError('bad_request', 'The path is not validly %-encoded') }
        }
        return { kind: 'next' }
      }
      if (isApiPath) return { kind: 'error', style: 'app', error: new ApiError('not_found', `No API at ${path}`) }
      return { kind: 'next' }
    }
    if (match.kind === 'page') return { kind: 'next' }
    // Under /api/ only the app's own API answers: `/api/x` is not seed 004's `/{uuid}/{otp}`.
    if (isApiPath && !match.route.path.startsWith('/api/')) {
      return { kind: 'error', style: 'app', error: new ApiError('not_found', `No API at ${path}`) }
    }
    const { route, params } = match
    const handler = route.handlers[method as HttpMethod] ?? (method === 'HEAD' ? route.handlers.GET : undefined)
    if (handler) return { kind: 'handle', handler, params, head: method === 'HEAD' }
    if (method === 'OPTIONS') return { kind: 'options', allow: route.allow }
    return {
      kind: 'error',
      style: route.style,
      error: new ApiError('method_not_allowed', `${method} is not allowed here`, { headers: { Allow: route.allow } }),
    }
  }

  return (request, response) => {
    const url = request.url ?? '/'
    const queryAt = url.indexOf('?')
    const method = request.method ?? 'GET'
    const decision = decide(method, queryAt === -1 ? url : url.slice(0, queryAt))
    if (decision.kind === 'next') return false
    void answer(request, response, decision).catch((error: unknown) => {
      const reference = randomUUID()
      console.error(`[qr-door] dispatcher error ${reference}:`, error)
      if (!response.headersSent) {
        void send(response, renderError('app', new ApiError('internal', `Internal error (reference ${reference})`)), false)
      } else {
        response.destroy()
      }
    })
    return true
  }
}

async function answer(request: IncomingMessage, response: ServerResponse, decision: Exclude<Decision, { kind: 'next' }>) {
  if (decision.kind === 'error') return send(response, renderError(decision.style, decision.error), false, request)
  if (decision.kind === 'options') {
    return send(response, new Response(null, { status: 204, headers: { Allow: decision.allow } }), false, request)
  }
  const webRequest = await toWebRequest(request)
  const webResponse = await decision.handler(webRequest, { params: Promise.resolve(decision.params) })
  await send(response, webResponse, decision.head)
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length']
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
}

/** The body, at most `limit` + 1 bytes of it (enough for lib/http/body.ts to answer 413); the rest is drained. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
      if (size > limit) {
        // Enough to know it is too large: answer now, and let the rest drain unread.
        request.off('data', onData)
        request.resume()
        resolve(Buffer.concat(chunks).subarray(0, limit + 1))
      }
    }
    request.on('data', onData)
    request.once('end', () => resolve(Buffer.concat(chunks)))
    request.once('error', reject)
  })
}

/** The request's headers as name-value pairs for `new Request`, which copies them once (a Headers object would be a second copy). */
function headerPairs(request: IncomingMessage, leaveOut?: readonly string[]): [string, string][] {
  const pairs: [string, string][] = []
  for (const name in request.headers) {
    const value = request.headers[name]
    if (value === undefined || leaveOut?.includes(name)) continue
    if (Array.isArray(value)) for (const item of value) pairs.push([name, item])
    else pairs.push([name, value])
  }
  return pairs
}

async function toWebRequest(request: IncomingMessage): Promise<Request> {
  const method = request.method ?? 'GET'
  const url = `http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`
  if (!hasBody(request)) return new Request(url, { method, headers: headerPairs(request) })
  const body = await readBody(request, MAX_BODY_BYTES)
  if (method === 'GET' || method === 'HEAD') {
    // A Web Request cannot carry a GET body: it travels in a header, as scripts/server.mjs does for Next.
    const headers = headerPairs(request, ['content-length', 'transfer-encoding'])
    if (body.length > MAX_BODY_BYTES) headers.push([GET_BODY_TOO_LARGE_HEADER, '1'])
    else if (body.length > 0) headers.push([GET_BODY_HEADER, body.toString('base64')])
    return new Request(url, { method, headers })
  }
  return withPreReadBody(new Request(url, { method, headers: headerPairs(request, ['transfer-encoding']) }), body)
}

async function send(response: ServerResponse, webResponse: Response, head: boolean, request?: IncomingMessage) {
  // An error answered before the body was read: close the connection rather than read it all.
  if (request && hasBody(request) && !request.readableEnded) response.shouldKeepAlive = false
  response.statusCode = webResponse.status
  for (const [name, value] of webResponse.headers) {
    if (name !== 'set-cookie') response.setHeader(name, value)
  }
  const cookies = webResponse.headers.getSetCookie()
  if (cookies.length > 0) response.setHeader('set-cookie', cookies)
  const text = serializedBody(webResponse)
  if (text !== undefined && !head) {
    response.setHeader('content-length', Buffer.byteLength(text))
    return void response.end(text)
  }
  if (head || !webResponse.body) {
    await webResponse.body?.cancel()
    response.end()
    return
  }
  const reader = webResponse.body.getReader()
  response.once('close', () => void reader.cancel().catch(() => {}))
  const first = await reader.read()
  if (first.done) return void response.end()
  const second = await reader.read()
  if (second.done) {
    // A body in one piece (every JSON answer): sent with its length, not chunked.
    if (!response.hasHeader('content-length')) response.setHeader('content-length', first.value.byteLength)
    return void response.end(first.value)
  }
  response.write(first.value)
  let chunk: ReadableStreamReadResult<Uint8Array> = second
  while (!chunk.done) {
    if (!response.write(chunk.value)) await new Promise((resolve) => response.once('drain', resolve))
    chunk = await reader.read()
  }
  response.end()
}
