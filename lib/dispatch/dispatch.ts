// The production dispatcher (decision 0010): API requests go from node:http straight to their
// app/**/route.ts handler, with the Web Request/Response the handlers already take; pages, assets
// and everything else go on to Next. Next's router costs several times what a hot-path request may
// spend. The dispatcher also owns the bad requests on API paths, answered as JSON in the route's
// API style: bad %-encoding (400), an unsupported method or TRACE (405 with Allow), an unknown path
// under /api/ (404). Next's internal headers (rsc, next-router-*) change nothing here.
//
// The Web Request and Response of a handled request are @hono/node-server's lightweight ones: a
// Request whose method, URL and headers are read off the IncomingMessage (a full undici Request,
// with its AbortSignal and body stream, is made only if a handler asks for more), and a Response
// that keeps a string body as it is and is written to the socket without a stream. On Node 20 the
// two undici objects cost 13 % of a hot-path request (decision 0010). For that, the listener
// replaces the globals Request and Response in the production server's process; its classes pass
// `instanceof` for undici's and turn into them on any use they do not cover themselves.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import { getRequestListener, RequestError } from '@hono/node-server'
import { MAX_BODY_BYTES, withPreReadBody } from '@/lib/http/body'
import { ApiError } from '@/lib/http/errors'
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
  const listener = createListener()

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
    void answer(request, response, decision, listener).catch((error: unknown) => {
      if (!response.headersSent) send(response, internalError(error), request)
      else response.destroy()
    })
    return true
  }
}

/** The decision of each request handed to the listener, for its fetch callback. */
const handled = new WeakMap<IncomingMessage, Extract<Decision, { kind: 'handle' }>>()

/** Replaces the globals Request and Response (see the top of this file). */
function createListener() {
  return getRequestListener(
    async (request, env) => {
      const incoming = env.incoming as IncomingMessage
      const decision = handled.get(incoming)!
      // Read here, and handed over even when empty: lib/http/body.ts takes the bytes as they are, a
      // GET's too (seed 000 sends one), and never asks the Request for its stream, which would
      // build an undici Request from the raw headers (scripts/server.mjs keeps those in step).
      withPreReadBody(request, hasBody(incoming) ? await readBody(incoming, MAX_BODY_BYTES) : NO_BODY)
      const response = await decision.handler(request, { params: Promise.resolve(decision.params) })
      if (!decision.head) return response
      // HEAD by the GET handler: a streamed body (the CSV export) is not run for nothing.
      await response.body?.cancel()
      return new Response(null, { status: response.status, headers: response.headers })
    },
    {
      // An HTTP/1.0 request may come without Host (health checks often do).
      hostname: 'localhost',
      // Bodies are read (or drained, past the limit) by readBody, as before: the listener's own
      // clean-up would cut the connection 500 ms after answering an oversized body.
      autoCleanupIncoming: false,
      // A Host or path the listener cannot make a URL of is the client's error; anything else is ours.
      errorHandler: (error) =>
        error instanceof RequestError
          ? renderError('app', new ApiError('bad_request', 'The request has an invalid Host header or path'))
          : internalError(error),
    },
  )
}

const NO_BODY = new Uint8Array(0)

type Listener = ReturnType<typeof createListener>

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  decision: Exclude<Decision, { kind: 'next' }>,
  listener: Listener,
) {
  if (decision.kind === 'error') return send(response, renderError(decision.style, decision.error), request)
  if (decision.kind === 'options') {
    return send(response, new Response(null, { status: 204, headers: { Allow: decision.allow } }), request)
  }
  handled.set(request, decision)
  await listener(request, response)
}

/** Logged with a reference; answered with the reference only. */
function internalError(error: unknown): Response {
  const reference = randomUUID()
  console.error(`[qr-door] dispatcher error ${reference}:`, error)
  return renderError('app', new ApiError('internal', `Internal error (reference ${reference})`))
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

/** The dispatcher's own answers (errors, OPTIONS), made before the request's body was read. */
function send(response: ServerResponse, webResponse: Response, request: IncomingMessage) {
  // Close the connection rather than read a body nobody wants.
  if (hasBody(request) && !request.readableEnded) response.shouldKeepAlive = false
  response.statusCode = webResponse.status
  for (const [name, value] of webResponse.headers) response.setHeader(name, value)
  const text = serializedBody(webResponse) ?? ''
  if (text !== '') response.setHeader('content-length', Buffer.byteLength(text))
  response.end(request.method === 'HEAD' ? undefined : text)
}
