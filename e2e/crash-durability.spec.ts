// Nothing answered is lost: a server killed with SIGKILL in the middle of a scan load still has, in
// its SQLite file, an access event for every scan it answered 200 (the hot path's group commit
// answers only after COMMIT; decision 0010). The server is a production server of its own, on its
// own port and database, so the suite's servers are not disturbed.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import { e2eAdminApiKey, e2ePort } from './config'

const port = e2ePort + 2
const baseUrl = `http://127.0.0.1:${port}`
const databaseFile = join(__dirname, '..', '.tmp', `e2e-${port}`, 'e2e.db')
const apiKey = { authorization: `Bearer ${e2eAdminApiKey}`, 'content-type': 'application/json' }

async function waitForHealth(deadline: number) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${baseUrl} did not start`)
}

test('kill -9 during a scan load loses no access event that was answered', async () => {
  test.setTimeout(120_000)
  const server = spawn(process.execPath, ['scripts/e2e-server.mjs'], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, E2E_PORT: String(port), ADMIN_API_KEY: e2eAdminApiKey },
    stdio: 'ignore',
  })
  try {
    await waitForHealth(Date.now() + 90_000)
    const kiosk = await (await fetch(`${baseUrl}/api/admin/kiosks`, { method: 'POST', headers: apiKey, body: JSON.stringify({ name: 'Crash door' }) })).json()
    const users: string[] = []
    for (let i = 0; i < 20; i++) {
      const user = await (await fetch(`${baseUrl}/api/admin/users`, { method: 'POST', headers: apiKey, body: JSON.stringify({ name: `Crash ${i}`, email: `crash-${i}@example.com` }) })).json()
      users.push(user.id)
    }
    const scan = (input: string) =>
      fetch(`${baseUrl}/api/kiosk/scans`, {
        method: 'POST',
        headers: { authorization: `Bearer ${kiosk.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ input }),
      })

    const answeredInputs: string[] = []
    const grantedUsers: string[] = []
    let sent = 0
    let killed = false
    const worker = async (lane: number) => {
      while (!killed) {
        const n = sent++
        try {
          // Mostly unreadable scans (each is logged with what was read), and every 50th a real pass.
          if (n % 50 === 0 && users.length > 0) {
            const userId = users.shift()!
            const { qr_string } = await (await fetch(`${baseUrl}/otp/${encodeURIComponent(userId)}`, { headers: apiKey })).json()
            const response = await scan(qr_string)
            if (response.status === 200 && (await response.json()).granted) grantedUsers.push(userId)
          } else {
            const input = `crash-${lane}-${n}`
            const response = await scan(input)
            if (response.status === 200) answeredInputs.push(input)
          }
        } catch {
          // The server is gone: the request died with it.
        }
      }
    }
    const lanes = Array.from({ length: 16 }, (_, lane) => worker(lane))
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    server.kill('SIGKILL')
    await new Promise((resolve) => server.once('exit', resolve))
    killed = true
    await Promise.all(lanes)

    expect(answeredInputs.length).toBeGreaterThan(100)
    expect(grantedUsers.length).toBeGreaterThan(0)
    const database = new Database(databaseFile, { readonly: false })
    try {
      const stored = new Set(
        (database.prepare(`SELECT "input" FROM "AccessEvent" WHERE "input" LIKE 'crash-%'`).all() as { input: string }[]).map((row) => row.input),
      )
      expect(answeredInputs.filter((input) => !stored.has(input))).toEqual([])
      const grantedStored = database
        .prepare(`SELECT DISTINCT "userId" FROM "AccessEvent" WHERE "result" = 'granted'`)
        .all()
        .map((row) => (row as { userId: string }).userId)
      expect(grantedUsers.filter((userId) => !grantedStored.includes(userId))).toEqual([])
    } finally {
      database.close()
    }
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL')
  }
})
