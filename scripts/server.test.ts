// scripts/server.mjs listens on the loopback address in demo mode unless HOSTNAME says otherwise,
// and says so loudly. Next itself is stubbed: only the listening is under test.
import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setRequestHeader, startServer } from './server.mjs'

vi.mock('next', () => ({
  default: () => ({
    prepare: async () => {},
    getRequestHandler: () => (_request: unknown, response: { end: (text: string) => void }) => response.end('next'),
  }),
}))

const smtp = { SMTP_SERVER: 'smtp.example.com', EMAIL_ADDRESS: 'door@example.com' }
let server: Server | null = null
let warn: ReturnType<typeof vi.spyOn>

beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {})
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(async () => {
  vi.restoreAllMocks()
  if (server) await new Promise((resolve) => server!.close(resolve))
  server = null
})

async function listeningOn(env: Record<string, string>): Promise<string> {
  server = (await startServer({ port: 0, dispatch: false, env })) as Server
  return (server.address() as AddressInfo).address
}

describe('the server script', () => {
  it('listens on 127.0.0.1 only in demo mode, and warns that anyone can sign in as anyone', async () => {
    expect(await listeningOn({})).toBe('127.0.0.1')
    const warning = warn.mock.calls.map((call: unknown[]) => String(call[0])).join('\n')
    expect(warning).toMatch(/DEMO MODE/)
    expect(warning).toMatch(/ANYONE WHO CAN REACH THIS SERVER CAN SIGN IN AS ANYONE/)
    expect(warning).toMatch(/Listening on 127\.0\.0\.1:\d+ only \(this machine\): set HOSTNAME to listen elsewhere/)
  })

  it('listens where HOSTNAME says, even in demo mode, and warns that the demo is reachable', async () => {
    expect(await listeningOn({ HOSTNAME: '0.0.0.0', OTP_DEMO_MODE: 'true', ...smtp })).toBe('0.0.0.0')
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/HOSTNAME=0\.0\.0\.0 was set: this demo is reachable from the network/)
  })

  it('listens on every interface with a provider configured, without a warning', async () => {
    expect(await listeningOn(smtp)).not.toMatch(/^127\./)
    expect(warn).not.toHaveBeenCalled()
  })
})

const requestWith = (rawHeaders: string[]) => {
  const headers: Record<string, string> = {}
  for (let index = 0; index < rawHeaders.length; index += 2) headers[rawHeaders[index]!.toLowerCase()] = rawHeaders[index + 1]!
  return { headers, rawHeaders } as unknown as IncomingMessage
}

describe('setRequestHeader', () => {
  it('replaces a header in headers and rawHeaders alike, whatever case the client wrote', () => {
    const request = requestWith(['Host', 'x', 'X-Forwarded-For', '203.0.113.9', 'Accept', '*/*'])
    setRequestHeader(request, 'x-forwarded-for', '203.0.113.9, 127.0.0.1')
    expect(request.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1')
    expect(request.rawHeaders).toEqual(['Host', 'x', 'Accept', '*/*', 'x-forwarded-for', '203.0.113.9, 127.0.0.1'])
  })

  it('removes a header a client must not send from both', () => {
    const request = requestWith(['Host', 'x', 'X-QRDoor-Get-Body', 'e30=', 'x-qrdoor-get-body', 'e30='])
    setRequestHeader(request, 'x-qrdoor-get-body', undefined)
    expect(request.headers['x-qrdoor-get-body']).toBeUndefined()
    expect(request.rawHeaders).toEqual(['Host', 'x'])
  })
})
