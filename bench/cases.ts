// What `npm run bench` measures. Each case sets its data up through the API, then hands the load
// generator one request at a time, so that one-use codes are each sent once and the run measures
// the path it names rather than a locked or used-up code. Add rows by adding cases (the admin log's
// "first page with 100,000 events" belongs here, with its own data set-up).
import { ApiClient, inParallel, type AppServer, type LoadRequest, type LoadSpec } from './harness'

export interface BenchContext {
  app: AppServer
  api: ApiClient
  connections: number
  durationSeconds: number
  /** One-use codes to prepare for a run: enough for the run at the rate this machine reaches. */
  poolSize: number
}

export interface BenchCase {
  /** The table's row label: method and path. */
  name: string
  /** Which path through the handler the requests take, printed under the table. */
  measures: string
  prepare(context: BenchContext): Promise<LoadSpec>
}

/** Set-up requests in flight at once: enough to be quick, few enough not to trip over SQLite's lock. */
const SETUP_CONCURRENCY = 8

function once(requests: LoadRequest[]): LoadSpec {
  let index = 0
  return { next: () => requests[index++] ?? null, remaining: () => Math.max(0, requests.length - index) }
}

function rotating(requests: LoadRequest[]): LoadSpec {
  let index = 0
  return { next: () => requests[index++ % requests.length]! }
}

const json = (body: unknown) => JSON.stringify(body)

/** Users with a door pass and an e-mail address to sign in with, made once and shared by the door cases. */
const doorUsers = new WeakMap<ApiClient, Promise<{ id: string; email: string }[]>>()
const DOOR_USERS = 500

function ensureDoorUsers(api: ApiClient) {
  let users = doorUsers.get(api)
  if (!users) {
    users = inParallel(DOOR_USERS, SETUP_CONCURRENCY, async (index) => {
      const email = `bench-${index}@example.com`
      const { body } = await api.call('POST', '/api/admin/users', { body: { name: `Bench ${index}`, email }, expect: 201 })
      return { id: body.id as string, email }
    })
    doorUsers.set(api, users)
  }
  return users
}

/** The current passes of every door user, fetched last so that they are inside their 30 s step (± one) when the run starts. */
async function currentPasses(api: ApiClient): Promise<string[]> {
  const users = await ensureDoorUsers(api)
  return inParallel(users.length, SETUP_CONCURRENCY, async (index) => {
    const { body } = await api.call('GET', `/otp/${encodeURIComponent(users[index]!.id)}`)
    return body.qr_string as string
  })
}

async function pairKiosk(api: ApiClient, name: string): Promise<string> {
  const { body } = await api.call('POST', '/api/admin/kiosks', { body: { name }, expect: 201 })
  return body.token as string
}

export const benchCases: BenchCase[] = [
  {
    name: 'GET /health',
    measures:
      'the floor: the health check (a read of "User" and of the applied migrations; on SQLite on a connection of its own, which also takes the write lock and gives it back), no authentication, no rate limit',
    async prepare() {
      return rotating([{ method: 'GET', path: '/health' }])
    },
  },
  {
    name: 'POST /otp/verify',
    measures:
      'seed 001, right code: each request checks a different phone number’s fresh code once (keyed-hash compare, consuming conditional UPDATE that needs a free guess-budget slot)',
    async prepare({ api, poolSize }) {
      const codes = await inParallel(poolSize, SETUP_CONCURRENCY, async (index) => {
        const phone = `+4420${String(index).padStart(8, '0')}`
        const { body } = await api.call('POST', '/otp/generate', { body: { phone_number: phone }, auth: 'none' })
        return { phone_number: phone, otp: body.otp as string }
      })
      return once(codes.map((code) => ({ method: 'POST', path: '/otp/verify', body: json(code) })))
    },
  },
  {
    name: 'POST /verify-code',
    measures: 'seed 003, right code: each request checks a different user_id’s fresh code once (compare, consuming conditional UPDATE)',
    async prepare({ api, poolSize }) {
      const codes = await inParallel(poolSize, SETUP_CONCURRENCY, async (index) => {
        const userId = `bench-${index}`
        const { body } = await api.call('POST', '/send-code', {
          body: { user_id: userId, method: 'sms', phone: `+4430${String(index).padStart(8, '0')}` },
          auth: 'none',
        })
        return { user_id: userId, passcode: body.otp as string }
      })
      return once(codes.map((code) => ({ method: 'POST', path: '/verify-code', body: json(code) })))
    },
  },
  {
    name: 'GET /{uuid}/{otp}',
    measures: 'seed 004, right code: each request checks a different UUID’s fresh 6-digit code once (no strict_validation body)',
    async prepare({ api, poolSize }) {
      const codes = await inParallel(poolSize, SETUP_CONCURRENCY, async () => {
        // The default ttl is 60 s, less than setting up 12,000 codes can take on a busy machine.
        const { body } = await api.call('POST', '/', { body: { ttl: 3600 } })
        return { uuid: body.info.uuid as string, otp: body.info.otp as string }
      })
      return once(codes.map(({ uuid, otp }) => ({ method: 'GET', path: `/${uuid}/${otp}` })))
    },
  },
  {
    name: 'GET /validate/{string}',
    measures: `seed 000, kiosk token: the current passes of ${DOOR_USERS} users in rotation; each pass’s first scan grants, later scans of it are refused as replays (both: TOTP check, conditional UPDATE, access event)`,
    async prepare({ api }) {
      const headers = { authorization: `Bearer ${await pairKiosk(api, 'Bench door')}` }
      const strings = await currentPasses(api)
      return rotating(strings.map((qr) => ({ method: 'GET', path: `/validate/${encodeURIComponent(qr)}`, headers })))
    },
  },
  {
    name: 'POST /api/kiosk/scans',
    measures: `the kiosk page’s scan: the same passes of ${DOOR_USERS} users in rotation as JSON bodies (mostly replays after their first scan; the answer names the person and the reason)`,
    async prepare({ api }) {
      const headers = { authorization: `Bearer ${await pairKiosk(api, 'Bench kiosk')}` }
      const strings = await currentPasses(api)
      return rotating(strings.map((qr) => ({ method: 'POST', path: '/api/kiosk/scans', headers, body: json({ input: qr }) })))
    },
  },
  {
    name: 'GET /isvalid/{user_id}',
    measures: 'seed 000, the pass page’s poll: signed-in users (session cookie) asking for their own door state',
    async prepare({ api, connections }) {
      const users = (await ensureDoorUsers(api)).slice(0, Math.max(connections, 20))
      const sessions = await inParallel(users.length, SETUP_CONCURRENCY, async (index) => {
        const user = users[index]!
        const { body } = await api.call('POST', '/api/auth/login', { body: { address: user.email }, auth: 'none' })
        const verified = await api.call('POST', '/api/auth/verify', {
          body: { address: user.email, code: body.demoCode },
          auth: 'none',
        })
        const cookie = verified.headers.get('set-cookie')?.split(';')[0]
        if (!cookie) throw new Error('sign-in set no session cookie')
        return { id: user.id, cookie }
      })
      return rotating(
        sessions.map(({ id, cookie }) => ({ method: 'GET', path: `/isvalid/${encodeURIComponent(id)}`, headers: { cookie } })),
      )
    },
  },
]
