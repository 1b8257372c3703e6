// Nothing answered is lost: a server killed with SIGKILL in the middle of a scan load still has, in
// its SQLite file, an access event for every scan it answered 200 (the hot path's group commit
// answers only after COMMIT; decision 0010). The server is a production server of its own, on its
// own port and database, so the suite's servers are not disturbed.
import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import { e2eAdminApiKey, ownServerPorts } from './config'
import { startOwnServer } from './support/own-server'

const apiKey = { authorization: `Bearer ${e2eAdminApiKey}`, 'content-type': 'application/json' }

test('kill -9 during a scan load loses no access event that was answered', async () => {
  test.setTimeout(180_000)
  // Limits out of reach: the load comes from one address.
  const server = await startOwnServer({ port: ownServerPorts.crash, env: { RATE_LIMIT_IP_PER_MINUTE: '100000000' } })
  const { baseUrl } = server
  try {
    const kiosk = await (
      await fetch(`${baseUrl}/api/admin/kiosks`, { method: 'POST', headers: apiKey, body: JSON.stringify({ name: 'Crash door' }) })
    ).json()
    const users: string[] = []
    for (let i = 0; i < 20; i++) {
      const user = await (
        await fetch(`${baseUrl}/api/admin/users`, {
          method: 'POST',
          headers: apiKey,
          body: JSON.stringify({ name: `Crash ${i}`, email: `crash-${i}@example.com` }),
        })
      ).json()
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
    await server.kill('SIGKILL')
    killed = true
    await Promise.all(lanes)

    expect(answeredInputs.length).toBeGreaterThan(100)
    expect(grantedUsers.length).toBeGreaterThan(0)
    const database = new Database(server.databaseFile)
    try {
      const stored = new Set(
        (database.prepare(`SELECT "input" FROM "AccessEvent" WHERE "input" LIKE 'crash-%'`).all() as { input: string }[]).map(
          (row) => row.input,
        ),
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
    await server.kill('SIGKILL')
  }
})
