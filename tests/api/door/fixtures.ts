// Callers and users for the door and admin API tests, written straight to the test database.
import { randomUUID } from 'node:crypto'
import { createSession, SESSION_COOKIE } from '@/lib/auth/sessions'
import { generateToken, hashToken } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import { currentPass } from '@/lib/door/current-pass'
import { formatQrString, parseQrString } from '@/lib/door/qr-string'
import { encryptTotpSecret, generateTotpSecret } from '@/lib/door/totp-secret'

export type Credentials = Record<string, string>

export const noCredentials: Credentials = {}

/** The origin of the requests `call` makes. */
export const TEST_ORIGIN = 'http://localhost'

export async function apiKeyCredentials(): Promise<Credentials> {
  const key = generateToken('key')
  await db.apiKey.create({ data: { id: randomUUID(), name: 'test', prefix: key.slice(0, 12), keyHash: hashToken(key) } })
  return { authorization: `Bearer ${key}` }
}

export async function kioskCredentials(name = 'Front door'): Promise<Credentials & { kioskId: string }> {
  const token = generateToken('kiosk')
  const kiosk = await db.kiosk.create({ data: { id: randomUUID(), name, tokenHash: hashToken(token) } })
  return { authorization: `Bearer ${token}`, kioskId: kiosk.id }
}

export async function createPassUser(options: { id?: string; name?: string; role?: string; disabled?: boolean } = {}) {
  const id = options.id ?? randomUUID()
  return db.user.create({
    data: {
      id,
      name: options.name ?? 'Ada',
      email: `${randomUUID()}@example.com`,
      role: options.role ?? 'user',
      disabled: options.disabled ?? false,
      totpSecretEnc: encryptTotpSecret({ secret: generateTotpSecret(), userId: id }),
    },
  })
}

/** A browser session on our own pages: the browser sends `Origin` with every change it makes. */
export async function sessionCredentials(userId: string): Promise<Credentials> {
  const { token } = await createSession({ db, userId, now: new Date(), ttlHours: 1 })
  return { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, origin: TEST_ORIGIN }
}

const forwardedHeaders = new Set(['authorization', 'cookie', 'origin', 'sec-fetch-site'])

let ipCounter = 0

/** Each request from its own IP, so that tests do not run into each other's rate limits. */
export function call(path: string, credentials: Credentials, init: { method?: string; body?: unknown; ip?: string } = {}) {
  const headers: Record<string, string> = {
    'x-forwarded-for': init.ip ?? `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`,
  }
  for (const [name, value] of Object.entries(credentials)) if (forwardedHeaders.has(name)) headers[name] = value
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  })
}

export const params = <P>(value: P) => ({ params: Promise.resolve(value) })

/** The user's current door pass at `at`, as its QR string. */
export async function passOf(userId: string, at: Date): Promise<string> {
  const result = await currentPass({ db, now: at, userId })
  if (result.status !== 'ok') throw new Error(result.status)
  return result.pass.qrString
}

/** The same pass with a code that is certainly wrong. */
export function wrongCodeFor(qrString: string): string {
  const parsed = parseQrString(qrString)
  if (!parsed.ok) throw new Error('bad pass')
  return formatQrString(parsed.userId, parsed.code === '000000' ? '111111' : '000000')
}
