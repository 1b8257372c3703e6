// The README's webhook guide against the code that signs and sends deliveries: its Node snippets
// (the signature check and a receiver) are taken out of the README and run against signatureHeader(),
// its sample request must verify, and its retry schedule and event types must be the code's. A
// receiver that follows the guide accepts what QR Door sends and refuses what it should.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WEBHOOK_EVENT_TYPES, webhookEvents } from './messages'
import { SIGNATURE_HEADER, signatureHeader, verifySignature } from './webhook-signature'
import { RETRY_DELAYS_SECONDS, WEBHOOK_ATTEMPTS } from './webhooks'

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8')

/** The fenced block after `<!-- name -->`. */
function block(name: string): string {
  const match = new RegExp(`<!-- ${name} -->\\s*\\n\`\`\`[^\\n]*\\n([\\s\\S]*?)\\n\`\`\``).exec(readme)
  if (!match) throw new Error(`README.md has no code block marked <!-- ${name} -->`)
  return match[1]!
}

type Verify = (secret: string, rawBody: string, header: unknown, now?: number) => boolean

const dir = mkdtempSync(join(tmpdir(), 'qrdoor-readme-webhook-'))
writeFileSync(join(dir, 'verify-qrdoor-signature.mjs'), block('webhook-verify-snippet'))
writeFileSync(join(dir, 'receiver.mjs'), block('webhook-receiver-snippet'))
let verify: Verify

beforeAll(async () => {
  ;({ verifyQrDoorSignature: verify } = (await import(pathToFileURL(join(dir, 'verify-qrdoor-signature.mjs')).href)) as {
    verifyQrDoorSignature: Verify
  })
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const secret = 'whsec_Qp3v8Ykz0mW1bX6nR4tJ9aL2cF5gH7dS'
const body = JSON.stringify({
  id: 'evt_a9_access_granted',
  type: 'access.granted',
  createdAt: '2026-11-21T12:00:00.000Z',
  data: { userName: 'Zoë Ångström 🚪', doorName: 'Tür “Süd”' },
})
const signedAt = new Date('2026-11-21T12:00:00.400Z')
const header = signatureHeader({ secret, body, now: signedAt })
const at = (offsetSeconds: number) => signedAt.getTime() + offsetSeconds * 1000

describe('the README’s signature check', () => {
  it('accepts what QR Door signs, non-ASCII bodies included, within 5 minutes either way', () => {
    for (const offset of [0, 1, 60, 299, -60, -299]) expect(verify(secret, body, header, at(offset)), `${offset} s`).toBe(true)
  })

  it('refuses another secret, a changed body, and another body’s signature', () => {
    expect(verify('whsec_other', body, header, at(0))).toBe(false)
    expect(verify(secret, body.replace('Zoë', 'Zoe'), header, at(0))).toBe(false)
    expect(verify(secret, body + ' ', header, at(0))).toBe(false)
    const other = signatureHeader({ secret, body: '{}', now: signedAt })
    expect(verify(secret, body, other, at(0))).toBe(false)
  })

  it('refuses a signature more than 5 minutes old or ahead', () => {
    expect(verify(secret, body, header, at(301))).toBe(false)
    expect(verify(secret, body, header, at(3600))).toBe(false)
    expect(verify(secret, body, header, at(-301))).toBe(false)
  })

  it('refuses a missing or malformed header without throwing', () => {
    const t = Math.floor(signedAt.getTime() / 1000)
    const v1 = header.split('v1=')[1]!
    for (const bad of [
      undefined,
      null,
      '',
      'garbage',
      `t=${t}`,
      `v1=${v1}`,
      `t=abc,v1=${v1}`,
      `t=${t},v1=${v1.slice(2)}`,
      `t=${t},v1=${v1}00`,
    ]) {
      expect(verify(secret, body, bad, at(0)), String(bad)).toBe(false)
    }
    expect(verify(secret, body, `v1=${v1},t=${t}`, at(0)), 'the parts in another order').toBe(true)
  })

  it('agrees with lib/events/webhook-signature.ts’s own check', () => {
    const cases: [string, string, number][] = [
      [secret, body, 0],
      [secret, body, 299],
      [secret, body, 301],
      ['whsec_other', body, 0],
      [secret, '{"id":"x"}', 0],
    ]
    for (const [key, text, offset] of cases) {
      const now = new Date(at(offset))
      expect(verify(key, text, header, now.getTime()), `${key} ${offset}`).toBe(verifySignature({ secret: key, body: text, header, now }))
    }
  })
})

describe('the README’s receiver', () => {
  let receiver: ChildProcess
  let url: string
  let output = ''

  beforeAll(async () => {
    const port = await freePort()
    url = `http://127.0.0.1:${port}/qrdoor`
    receiver = spawn(process.execPath, ['receiver.mjs'], {
      cwd: dir,
      env: { ...process.env, PORT: String(port), QRDOOR_WEBHOOK_SECRET: secret },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    receiver.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    receiver.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    for (let tries = 0; ; tries++) {
      try {
        await fetch(url, { method: 'POST', body: '' })
        return
      } catch (error) {
        if (tries > 100) throw new Error(`the receiver did not start: ${output}`, { cause: error })
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
  })

  afterAll(() => {
    receiver?.kill()
  })

  /** A delivery as lib/events/webhooks.ts sends it. */
  const deliver = (text: string, signature: string) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'QR-Door-Webhooks/1',
        'X-QRDoor-Event': 'access.granted',
        'X-QRDoor-Delivery': 'b3c1f0a2-6d4e-4f8a-9b2c-7e5d1a0f3c94',
        [SIGNATURE_HEADER]: signature,
      },
      body: text,
    })

  it('answers 2xx to a signed delivery, handles a repeat once, and refuses a bad signature with 401', async () => {
    const now = new Date()
    const signature = signatureHeader({ secret, body, now })
    expect((await deliver(body, signature)).status).toBe(204)
    expect((await deliver(body, signatureHeader({ secret, body, now: new Date() }))).status).toBe(204)
    expect((await deliver(body, signatureHeader({ secret: 'whsec_other', body, now }))).status).toBe(401)
    expect((await deliver(body.replace('Zoë', 'Zoe'), signature)).status).toBe(401)
    expect((await deliver(body, signatureHeader({ secret, body, now: new Date(now.getTime() - 10 * 60_000) }))).status).toBe(401)
    // Its log comes through a pipe, which may trail the answers.
    for (let waited = 0; !output.includes('Zoë') && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(output.match(/access\.granted/g)).toHaveLength(1)
    expect(output).toContain('Zoë Ångström 🚪')
  })
})

describe('the README’s webhook guide', () => {
  it('shows a sample request that verifies, with the headers and body QR Door sends', () => {
    const [head, text] = block('webhook-example-request').split('\n\n') as [string, string]
    const headers = new Map(
      head
        .split('\n')
        .slice(1)
        .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    )
    for (const name of ['x-qrdoor-event', 'x-qrdoor-delivery', SIGNATURE_HEADER.toLowerCase()]) expect(headers.has(name), name).toBe(true)
    const exampleSecret = /signed with the secret `(whsec_\w+)`/.exec(readme)?.[1]
    expect(exampleSecret).toBeDefined()
    const t = Number(/t=(\d+)/.exec(headers.get(SIGNATURE_HEADER.toLowerCase())!)![1])
    const now = new Date(t * 1000)
    expect(verifySignature({ secret: exampleSecret!, body: text, header: headers.get(SIGNATURE_HEADER.toLowerCase())!, now })).toBe(true)

    const sample = JSON.parse(text) as { id: string; type: string; data: Record<string, unknown> }
    expect(headers.get('x-qrdoor-event')).toBe(sample.type)
    const real = webhookEvents({
      kind: 'access',
      outboxId: 1,
      event: {
        id: 1,
        at: now,
        result: 'granted',
        reason: 'granted',
        userId: 'u',
        userName: 'Ada',
        kioskId: 'k',
        kioskName: 'Lobby',
        doorId: 'front-door',
        doorName: 'Front door',
        unlockSeconds: 5,
        input: null,
      },
    }).find((event) => event.type === sample.type)!
    expect(Object.keys(sample)).toEqual(['id', 'type', 'createdAt', 'data'])
    // An access event's webhook events are named after it.
    expect(sample.id).toBe(real.id.replace('evt_a1_', `evt_a${String(sample.data.eventId)}_`))
    expect(Object.keys(sample.data)).toEqual(Object.keys(real.data))
  })

  it('gives the retry schedule of RETRY_DELAYS_SECONDS', () => {
    const say = (seconds: number) => (seconds < 60 ? `${seconds} s` : seconds < 3600 ? `${seconds / 60} min` : `${seconds / 3600} h`)
    const delays = RETRY_DELAYS_SECONDS.map(say)
    const schedule = /<!-- webhook-retry-schedule -->(.*?)<!-- \/webhook-retry-schedule -->/.exec(readme)?.[1]
    expect(schedule).toBe(`${delays.slice(0, -1).join(', ')} and ${delays.at(-1)}`)
    const total = RETRY_DELAYS_SECONDS.reduce((sum, delay) => sum + delay, 0)
    expect(readme).toContain(`${WEBHOOK_ATTEMPTS} tries, the last about ${Math.round(total / 3600)} h after the first`)
  })

  it('lists every event type', () => {
    for (const type of WEBHOOK_EVENT_TYPES) expect(readme).toContain(`| \`${type}\` |`)
  })
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
