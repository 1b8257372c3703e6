// Helpers for the OTP API tests: calling route handlers as Next would, a real SMTP server and a
// stand-in for Twilio's Messages API on 127.0.0.1, and switching providers on in `env`.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { env, type Env } from '@/lib/env'

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>

export interface CallOptions<P> {
  method?: string
  /** A JSON value (serialised), or a string sent as it is. */
  body?: unknown
  headers?: Record<string, string>
  /** The client address; each call gets a fresh one unless given, so IP limits stay out of the way. */
  ip?: string
  params?: P
}

export interface Answer {
  status: number
  body: unknown
  headers: Headers
}

export function randomIp(): string {
  const bytes = randomBytes(3)
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`
}

export async function call<P = Record<string, string>>(handler: Handler<P>, path: string, o: CallOptions<P> = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'x-forwarded-for': o.ip ?? randomIp(), ...o.headers }
  let body: string | undefined
  if (o.body !== undefined) {
    body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body)
    headers['content-type'] ??= 'application/json'
  }
  const response = await handler(new Request(`http://localhost${path}`, { method: o.method ?? 'POST', headers, body }), {
    params: Promise.resolve((o.params ?? {}) as P),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // left as text: the assertion shows it
  }
  return { status: response.status, body: parsed, headers: response.headers }
}

/** Sets env values for one test file; returns a function that puts the old ones back. */
export function setEnv(values: Partial<Env>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, env[key as keyof Env]]))
  Object.assign(env, values)
  return () => Object.assign(env, previous)
}

export interface ReceivedMail {
  from: string
  to: string[]
  raw: string
}

export async function startSmtpServer(o: { greet?: boolean } = {}) {
  const messages: ReceivedMail[] = []
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username })
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  if (o.greet === false) {
    // Accepts the connection and never says hello: the client must give up in time.
    const sockets = new Set<Socket>()
    const silent = createNetServer((socket) => sockets.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    return {
      port: (silent.address() as AddressInfo).port,
      messages,
      close: async () => {
        for (const socket of sockets) socket.destroy()
        await new Promise<void>((resolve) => silent.close(() => resolve()))
      },
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

export interface ReceivedSms {
  accountSid: string
  authorization: string
  to: string
  from: string
  body: string
}

/** Twilio's magic test number for "invalid To" (error 21211). */
export const TWILIO_INVALID_NUMBER = '+15005550001'

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Answers POST /2010-04-01/Accounts/{sid}/Messages.json the way Twilio does. */
export async function startTwilioStandIn() {
  const messages: ReceivedSms[] = []
  const server: Server = createServer(async (request, response) => {
    const match = request.url?.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/)
    const form = new URLSearchParams(await readBody(request))
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(payload))
    }
    if (request.method !== 'POST' || !match) return send(404, { code: 20404, message: 'The requested resource was not found', status: 404 })
    const to = form.get('To') ?? ''
    if (to === TWILIO_INVALID_NUMBER) {
      return send(400, {
        code: 21211,
        message: `The 'To' number ${to} is not a valid phone number.`,
        more_info: 'https://www.twilio.com/docs/errors/21211',
        status: 400,
      })
    }
    const sms = {
      accountSid: match[1]!,
      authorization: request.headers.authorization ?? '',
      to,
      from: form.get('From') ?? '',
      body: form.get('Body') ?? '',
    }
    messages.push(sms)
    send(201, {
      sid: `SM${randomBytes(16).toString('hex')}`,
      account_sid: sms.accountSid,
      to: sms.to,
      from: sms.from,
      body: sms.body,
      status: 'queued',
      num_segments: '1',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      date_created: new Date().toUTCString(),
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export const TWILIO_TEST_SID = 'AC' + 'f'.repeat(32)
export const TWILIO_TEST_TOKEN = 'stand-in-auth-token'
export const TWILIO_TEST_FROM = '+15005550006'

/**
 * Freezes Date at `t0` for the calling test file (timers still run), silences the demo outbox's
 * console output, and returns `later(seconds)`, which moves the clock to t0 + seconds.
 * Each test starts again at t0.
 */
export function frozenClock(t0: Date, o: { quiet?: boolean } = { quiet: true }) {
  const later = (seconds: number) => vi.setSystemTime(new Date(t0.getTime() + seconds * 1000))
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    if (o.quiet) {
      vi.spyOn(console, 'log').mockImplementation(() => {})
      vi.spyOn(console, 'error').mockImplementation(() => {})
    }
  })
  afterEach(() => later(0))
  afterAll(() => {
    vi.useRealTimers()
    if (o.quiet) vi.restoreAllMocks()
  })
  return later
}
