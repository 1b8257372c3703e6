// The production server: a plain node:http server in front of Next.
// - API requests (every app/**/route.ts) go straight to their handlers through the dispatcher
//   (lib/dispatch, bundled by scripts/build-dispatch.mjs); pages and assets go to Next. Next's router
//   costs several times what a hot-path request may spend (docs/decisions/0010). `dispatch: false`
//   sends everything through Next, for the parity test.
// - It appends the socket's peer address to X-Forwarded-For (Next behind a custom server does not),
//   so that rate limits count real addresses.
// - Next drops the body of GET requests, but seed 004's `GET /{uuid}/{otp}` takes an optional JSON
//   body (strict_validation). This server reads such a body (up to 64 KiB) and hands it to the route
//   in the x-qrdoor-get-body header, base64-encoded (docs/decisions/0006); the dispatcher does the same.
import { createServer } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import next from 'next'
import { dispatchBundle } from './build-dispatch.mjs'
import { demoModeWarning, isDemoEnv, listenAddress } from './listen-address.mjs'

const GET_BODY_HEADER = 'x-qrdoor-get-body'
const GET_BODY_TOO_LARGE_HEADER = 'x-qrdoor-get-body-too-large'
const GET_BODY_LIMIT = 64 * 1024
const root = join(fileURLToPath(import.meta.url), '../..')

/**
 * Sets a request header (or removes it, with `value` undefined) in both of Node's views of them:
 * `headers`, which Next reads, and `rawHeaders`, from which the dispatcher's Web Request
 * (@hono/node-server) builds its Headers once anything but a plain get is asked of them.
 * @param {import('node:http').IncomingMessage} request
 * @param {string} name lower case
 * @param {string | undefined} value
 */
export function setRequestHeader(request, name, value) {
  // Runs for every request: removing a header nobody sent (the usual case) copies nothing.
  if (value === undefined && !(name in request.headers)) return
  if (value === undefined) delete request.headers[name]
  else request.headers[name] = value
  const raw = request.rawHeaders
  const kept = []
  for (let index = 0; index < raw.length; index += 2) {
    if (raw[index].toLowerCase() !== name) kept.push(raw[index], raw[index + 1])
  }
  if (value !== undefined) kept.push(name, value)
  request.rawHeaders = kept
}

/**
 * `hostname` left out: HOSTNAME, else the loopback address in demo mode and every interface
 * otherwise (scripts/listen-address.mjs).
 * @param {{ port: number; hostname?: string; dispatch?: boolean; env?: Record<string, string | undefined> }} options
 */
export async function startServer({ port, hostname, dispatch = true, env = process.env }) {
  const listen = hostname ? { hostname, demo: isDemoEnv(env), explicit: true } : listenAddress(env)
  hostname = listen.hostname
  const app = next({ dev: false, dir: root, hostname, port })
  const handle = app.getRequestHandler()
  await app.prepare()
  const dispatchApi = dispatch ? (await import(pathToFileURL(dispatchBundle).href)).dispatch : null
  const server = createServer((request, response) => {
    // Only this server may set this header, never a client.
    setRequestHeader(request, GET_BODY_HEADER, undefined)
    setRequestHeader(request, GET_BODY_TOO_LARGE_HEADER, undefined)
    // The peer's address goes last in X-Forwarded-For, where lib/http/client-ip.ts looks for it:
    // whatever a client wrote there itself stays to the left and is not trusted.
    const peer = request.socket.remoteAddress ?? 'unknown'
    const forwarded = request.headers['x-forwarded-for']
    setRequestHeader(request, 'x-forwarded-for', forwarded ? `${forwarded}, ${peer}` : peer)
    if (dispatchApi?.(request, response)) return
    const hasBody = request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined
    if (request.method !== 'GET' || !hasBody) return void handle(request, response)
    const chunks = []
    let size = 0
    request.on('data', (chunk) => {
      size += chunk.length
      if (size <= GET_BODY_LIMIT) chunks.push(chunk)
    })
    request.on('end', () => {
      // The route answers an oversized body in its own API's style (seed 004: 400 REQUEST_BODY_INVALID).
      if (size > GET_BODY_LIMIT) request.headers[GET_BODY_TOO_LARGE_HEADER] = '1'
      else if (size > 0) request.headers[GET_BODY_HEADER] = Buffer.concat(chunks).toString('base64')
      delete request.headers['content-length']
      delete request.headers['transfer-encoding']
      void handle(request, response)
    })
    request.on('error', () => response.destroy())
  })
  await new Promise((resolve) => server.listen(port, hostname, resolve))
  const { port: bound } = server.address()
  const where = hostname ? `http://${hostname}:${bound}` : `http://localhost:${bound} (every interface)`
  console.log(`qr-door: listening on ${where}${dispatchApi ? '' : ' (every request through Next)'}`)
  if (listen.demo) console.warn(demoModeWarning({ hostname, explicit: listen.explicit, port: bound }))
  return server
}
