// The production dispatcher (lib/dispatch) must answer exactly as Next's router does. Two servers
// on fresh databases of their own — one that dispatches API requests itself, as `npm start` does,
// and one that sends everything through Next (E2E_DISPATCH=off) — are sent the same requests in the
// same order: every documented operation without credentials, with an API key and its documented
// example, then flows whose later steps use what earlier ones answered (codes, ids, passes). Status,
// the headers that matter and the body must agree, once values that are random by design (ids,
// codes, tokens, times) are replaced by placeholders.
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { expect, test } from '@playwright/test'
import { e2eAdminApiKey, e2eBaseUrl, ownServerPorts } from './config'
import { startOwnServer } from './support/own-server'

interface Exchange {
  label: string
  status: number
  headers: Record<string, string>
  body: unknown
}

const HEADERS_THAT_MATTER = ['content-type', 'cache-control', 'allow', 'www-authenticate', 'location', 'retry-after', 'set-cookie']
const RANDOM_KEYS = new Set([
  'otp',
  'code',
  'demoCode',
  'qr_string',
  'qrString',
  'token',
  'pairingUrl',
  'uuid',
  'id',
  'userId',
  'eventId',
  'prefix',
  'key',
  // A webhook endpoint's signing secret (POST /api/admin/webhooks).
  'secret',
])
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g

function normalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => normalise(item))
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [String(normalise(k)), normalise(v, k)] as const)
    // Objects keyed by random ids (GET /logs): compared as a sorted list, since the ids order them.
    if (Object.keys(value).some((k) => k.match(UUID))) return entries.map((entry) => JSON.stringify(entry)).sort()
    return Object.fromEntries(entries)
  }
  if (typeof value === 'number' && /^seconds|retry/i.test(key)) return '<n>'
  if (typeof value !== 'string') return value
  if (RANDOM_KEYS.has(key)) return '<random>'
  return value
    .replace(UUID, '<uuid>')
    .replace(ISO_TIME, '<time>')
    .replace(/qrd_[a-z]+_[A-Za-z0-9_-]{43}/g, '<token>')
    .replace(/\b\d{4,10}\b/g, '<digits>')
}

function headersThatMatter(headers: Headers): Record<string, string> {
  const picked: Record<string, string> = {}
  for (const name of HEADERS_THAT_MATTER) {
    const value = headers.get(name)
    if (value === null) continue
    if (name === 'retry-after') picked[name] = '<present>'
    else if (name === 'set-cookie') picked[name] = value.replace(/=[^;]*/, '=<value>').replace(/Expires=[^;]*/i, 'Expires=<time>')
    else picked[name] = value
  }
  return picked
}

/** One server's side of the conversation. */
class Side {
  readonly exchanges: Exchange[] = []
  constructor(readonly baseUrl: string) {}

  async send(label: string, method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}) {
    const response = await fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    })
    const text = await response.text()
    let body: unknown = text
    if ((response.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text)
    else if (text.length > 200) body = `<${text.length} characters>`
    this.exchanges.push({ label, status: response.status, headers: headersThatMatter(response.headers), body: normalise(body) })
    return body
  }
}

const apiKey = { authorization: `Bearer ${e2eAdminApiKey}` }

type OpenApiOperation = {
  parameters?: { name: string; in: string; example?: unknown; schema?: { example?: unknown } }[]
  requestBody?: {
    content?: Record<string, { example?: unknown; examples?: Record<string, { value?: unknown }>; schema?: { example?: unknown } }>
  }
}

function examplePath(path: string, operation: OpenApiOperation): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === 'uuid') return '00000000-0000-4000-8000-000000000000'
    const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name)
    const example = parameter?.example ?? parameter?.schema?.example ?? 'parity-user'
    return encodeURIComponent(String(example))
  })
}

function exampleBody(operation: OpenApiOperation): unknown {
  const content = operation.requestBody?.content?.['application/json']
  if (!content) return undefined
  return content.example ?? Object.values(content.examples ?? {})[0]?.value ?? content.schema?.example ?? {}
}

async function conversation(side: Side, document: { paths: Record<string, Record<string, OpenApiOperation>> }) {
  // Every documented operation: without credentials, then as an API client with its example.
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      const url = examplePath(path, operation)
      const label = `${method.toUpperCase()} ${path}`
      // Fetch sends no GET body (seed 004's GET body has its own spec, seed004-get-body.spec.ts).
      const body = method === 'get' ? undefined : exampleBody(operation)
      await side.send(`${label} (no credentials)`, method.toUpperCase(), url, { body })
      await side.send(`${label} (API key, example)`, method.toUpperCase(), url, { headers: apiKey, body })
      if (body !== undefined) await side.send(`${label} (broken JSON)`, method.toUpperCase(), url, { headers: apiKey, body: '{"x":' })
    }
  }

  // Flows whose later steps use earlier answers.
  const generated = await side.send('seed 004: generate', 'POST', '/?code_length=6', { headers: apiKey, body: {} })
  const { uuid, otp } = (generated as { info: { uuid: string; otp: string } }).info
  await side.send('seed 004: wrong code', 'GET', `/${uuid}/000000x`)
  await side.send('seed 004: right code', 'GET', `/${uuid}/${otp}`)
  await side.send('seed 004: used code', 'GET', `/${uuid}/${otp}`)

  const phone = '+14155550100'
  const sent = (await side.send('seed 001: generate', 'POST', '/otp/generate', { body: { phone_number: phone } })) as { otp: string }
  await side.send('seed 001: too early', 'POST', '/otp/generate', { body: { phone_number: phone } })
  await side.send('seed 001: wrong code', 'POST', '/otp/verify', {
    body: { phone_number: phone, otp: sent.otp === '0000' ? '1111' : '0000' },
  })
  await side.send('seed 001: right code', 'POST', '/otp/verify', { body: { phone_number: phone, otp: sent.otp } })
  await side.send('seed 001: missing field', 'POST', '/otp/verify', { body: { phone_number: phone } })

  const code = (await side.send('seed 003: send', 'POST', '/send-code', {
    body: { user_id: 'parity', method: 'sms', phone: '+14155550101' },
  })) as { otp: string }
  await side.send('seed 003: right code', 'POST', '/verify-code', { body: { user_id: 'parity', passcode: code.otp } })
  await side.send('seed 003: used code', 'POST', '/verify-code', { body: { user_id: 'parity', passcode: code.otp } })

  const user = (await side.send('admin: create user', 'POST', '/api/admin/users', {
    headers: apiKey,
    body: { name: 'Parity', email: 'parity@example.com' },
  })) as { id: string }
  const kiosk = (await side.send('admin: pair kiosk', 'POST', '/api/admin/kiosks', { headers: apiKey, body: { name: 'Parity door' } })) as {
    token: string
  }
  const pass = (await side.send('seed 000: pass', 'GET', `/otp/${encodeURIComponent(user.id)}`, { headers: apiKey })) as {
    qr_string: string
  }
  const asKiosk = { authorization: `Bearer ${kiosk.token}` }
  await side.send('seed 000: state before', 'GET', `/isvalid/${encodeURIComponent(user.id)}`, { headers: apiKey })
  await side.send('kiosk: scan', 'POST', '/api/kiosk/scans', { headers: asKiosk, body: { input: pass.qr_string } })
  await side.send('seed 000: replay', 'GET', `/validate/${encodeURIComponent(pass.qr_string)}`, { headers: asKiosk })
  await side.send('seed 000: malformed', 'GET', '/validate/not-a-pass', { headers: asKiosk })
  await side.send('seed 000: state after', 'GET', `/isvalid/${encodeURIComponent(user.id)}`, { headers: apiKey })
  await side.send('seed 000: logs', 'GET', '/logs', { headers: apiKey })
  await side.send('admin: events', 'GET', '/api/admin/events', { headers: apiKey })
}

test('the dispatcher answers every documented operation as Next does', async () => {
  test.setTimeout(240_000)
  const servers = await Promise.all([
    startOwnServer({ port: ownServerPorts.parityDispatched }),
    startOwnServer({ port: ownServerPorts.parityThroughNext, dispatch: false }),
  ])
  try {
    const document = await (await fetch(`${servers[0].baseUrl}/openapi.json`)).json()
    expect(Object.keys(document.paths).length).toBeGreaterThan(20)
    const dispatched = new Side(servers[0].baseUrl)
    const throughNext = new Side(servers[1].baseUrl)
    await conversation(dispatched, document)
    await conversation(throughNext, document)
    expect(dispatched.exchanges.length).toBeGreaterThan(100)
    const differences = dispatched.exchanges.filter(
      (exchange, index) => JSON.stringify(exchange) !== JSON.stringify(throughNext.exchanges[index]),
    )
    const pairs = differences.map((exchange) => ({
      dispatched: exchange,
      next: throughNext.exchanges[dispatched.exchanges.indexOf(exchange)],
    }))
    expect(pairs, `${differences.length} of ${dispatched.exchanges.length} answers differ`).toEqual([])
  } finally {
    await Promise.all(servers.map((server) => server.kill()))
  }
})

test('the dispatcher answers bad requests on API paths as JSON in the API’s style', async () => {
  const send = (method: string, path: string, headers: Record<string, string> = {}) =>
    fetch(e2eBaseUrl + path, { method, headers, redirect: 'manual' })
  const badEncoding = await send('GET', '/validate/%E0%A4%A')
  expect(badEncoding.status).toBe(400)
  expect(await badEncoding.json()).toEqual({ detail: expect.any(String) })
  // fetch() refuses to send TRACE: plain node:http does.
  const trace = await new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
    const call = httpRequest(`${e2eBaseUrl}/otp/verify`, { method: 'TRACE' }, (response) => {
      let body = ''
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, allow: response.headers.allow, body }))
    })
    call.on('error', reject)
    call.end()
  })
  expect(trace.status).toBe(405)
  expect(trace.allow).toBe('POST, OPTIONS')
  expect(JSON.parse(trace.body)).toEqual({ detail: expect.any(String) })
  const wrongMethod = await send('DELETE', '/health')
  expect(wrongMethod.status).toBe(405)
  expect(await wrongMethod.json()).toMatchObject({ status: 405, message: 'METHOD_NOT_ALLOWED' })
  const unknown = await send('GET', '/api/nothing-here')
  expect(unknown.status).toBe(404)
  expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } })
  // Next's internal headers do not turn an API answer into a page.
  const nextHeaders: Record<string, string>[] = [
    { rsc: '1' },
    { 'next-router-prefetch': '1', 'next-router-state-tree': '%5B%5D' },
    { 'x-middleware-prefetch': '1' },
  ]
  for (const headers of nextHeaders) {
    const response = await send('GET', '/health', headers)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ message: 'SERVICE_HEALTH' })
  }
})

test('the dispatcher answers an HTTP/1.0 request without Host, and HEAD without a body', async () => {
  // Load balancers' health checks often send exactly this.
  const { port, hostname } = new URL(e2eBaseUrl)
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end('GET /health HTTP/1.0\r\n\r\n'))
    let text = ''
    socket.on('data', (chunk) => (text += chunk))
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
  })
  expect(raw).toMatch(/^HTTP\/1\.1 200 /)
  expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ message: 'SERVICE_HEALTH' })
  const head = await fetch(`${e2eBaseUrl}/health`, { method: 'HEAD' })
  expect(head.status).toBe(200)
  expect(head.headers.get('content-type')).toBe('application/json')
  expect(await head.text()).toBe('')
})
