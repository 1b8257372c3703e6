import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSession, SESSION_COOKIE } from '@/lib/auth/sessions'
import { generateToken, hashToken } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import type { ApiError } from '@/lib/http/errors'
import { guardRequest } from '@/lib/http/guard'

const now = new Date('2026-03-01T12:00:30Z')
const rule = { bucket: 'guard-test', limit: 10, windowSeconds: 60 }

const request = (ip: string, headers: Record<string, string>) =>
  new Request('http://x/', { headers: { 'x-forwarded-for': ip, ...headers } })

async function kioskToken() {
  const token = generateToken('kiosk')
  const kiosk = await db.kiosk.create({ data: { id: randomUUID(), name: 'Side door', tokenHash: hashToken(token) } })
  return { token, kiosk }
}

describe('guardRequest: the rate-limit count and the credential in one statement', () => {
  it('finds a kiosk, an API key and a session along with the count', async () => {
    const { token, kiosk } = await kioskToken()
    expect(
      await guardRequest({
        db,
        now,
        rateLimit: rule,
        allow: ['kiosk'],
        request: request('10.1.0.1', { authorization: `Bearer ${token}` }),
      }),
    ).toEqual({ kind: 'kiosk', kioskId: kiosk.id, kioskName: 'Side door', doorId: null })

    const key = generateToken('key')
    const apiKey = await db.apiKey.create({
      data: { id: randomUUID(), name: 'ci', prefix: key.slice(0, 12), keyHash: hashToken(key), createdAt: now },
    })
    expect(
      await guardRequest({ db, now, rateLimit: rule, allow: ['api'], request: request('10.1.0.1', { authorization: `Bearer ${key}` }) }),
    ).toEqual({ kind: 'api', apiKeyId: apiKey.id })

    const user = await db.user.create({ data: { id: randomUUID(), name: 'Sam', createdAt: now, updatedAt: now } })
    const session = await createSession({ db, userId: user.id, now, ttlHours: 1 })
    const cookie = `${SESSION_COOKIE}=${encodeURIComponent(session.token)}`
    expect(await guardRequest({ db, now, rateLimit: rule, allow: ['user'], request: request('10.1.0.1', { cookie }) })).toMatchObject({
      kind: 'user',
      userId: user.id,
      name: 'Sam',
    })
  })

  it('counts 40 parallel requests with a kiosk token exactly: 10 pass, 30 are 429, the credential is looked up for each', async () => {
    const { token } = await kioskToken()
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () =>
        guardRequest({
          db,
          now,
          rateLimit: rule,
          allow: ['kiosk'],
          request: request('10.1.0.2', { authorization: `Bearer ${token}` }),
        }).then(
          (caller) => caller.kind,
          (error: ApiError) => error.status,
        ),
      ),
    )
    expect(outcomes.filter((o) => o === 'kiosk')).toHaveLength(10)
    expect(outcomes.filter((o) => o === 429)).toHaveLength(30)
  })

  it('counts requests whose credential is unknown or revoked, so guessing tokens is limited too', async () => {
    const { token, kiosk } = await kioskToken()
    await db.kiosk.update({ where: { id: kiosk.id }, data: { revokedAt: now } })
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) {
      const bearer = i % 2 === 0 ? token : generateToken('kiosk')
      statuses.push(
        await guardRequest({
          db,
          now,
          rateLimit: rule,
          allow: ['kiosk'],
          request: request('10.1.0.3', { authorization: `Bearer ${bearer}` }),
        }).then(
          () => 200,
          (error: ApiError) => error.status,
        ),
      )
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429])
  })
})
