// /api/admin/api-keys: a key is shown once, stored hashed, works at once and stops at once.
import { beforeAll, describe, expect, it } from 'vitest'
import { DELETE as revokeKey } from '@/app/api/admin/api-keys/[id]/route'
import { GET as listKeys, POST as createKey } from '@/app/api/admin/api-keys/route'
import { GET as listUsers } from '@/app/api/admin/users/route'
import { hashToken } from '@/lib/auth/tokens'
import { db } from '@/lib/db'
import { apiKeyCredentials, call, params, type Credentials } from '../door/fixtures'

type Created = { id: string; name: string; prefix: string; key: string; createdAt: string }
type Listed = { id: string; name: string; prefix: string; createdAt: string; revokedAt: string | null; lastUsedAt: string | null }

let api: Credentials

beforeAll(async () => {
  api = await apiKeyCredentials()
})

const create = (body: unknown, credentials: Credentials = api) =>
  createKey(call('/api/admin/api-keys', credentials, { method: 'POST', body }), params({}))
const revoke = (id: string, credentials: Credentials = api) =>
  revokeKey(call(`/api/admin/api-keys/${id}`, credentials, { method: 'DELETE' }), params({ id }))
const list = async () => ((await (await listKeys(call('/api/admin/api-keys', api), params({}))).json()) as { apiKeys: Listed[] }).apiKeys
const useKey = (key: string) => listUsers(call('/api/admin/users', { authorization: `Bearer ${key}` }), params({}))

describe('/api/admin/api-keys', () => {
  it('makes a key that is shown once, stored as a hash, listed without it, and works at once', async () => {
    const response = await create({ name: '  Billing backend ' })
    expect(response.status).toBe(201)
    const created = (await response.json()) as Created
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Billing backend',
      prefix: created.key.slice(0, 12),
      key: expect.stringMatching(/^qrd_key_[\w-]{43}$/),
      createdAt: expect.any(String),
    })
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })
    expect(row.keyHash).toBe(hashToken(created.key))
    expect(JSON.stringify(row)).not.toContain(created.key)

    const listed = (await list()).find((key) => key.id === created.id)
    expect(listed).toEqual({
      id: created.id,
      name: 'Billing backend',
      prefix: created.prefix,
      createdAt: created.createdAt,
      revokedAt: null,
      lastUsedAt: null,
    })
    expect(JSON.stringify(await list())).not.toContain(created.key)

    expect((await useKey(created.key)).status).toBe(200)
    expect((await list()).find((key) => key.id === created.id)!.lastUsedAt).toEqual(expect.any(String))
  })

  it('revokes a key: 401 from the next request on; revoking again keeps the first time', async () => {
    const created = (await (await create({ name: 'CI' })).json()) as Created
    expect((await useKey(created.key)).status).toBe(200)
    const response = await revoke(created.id)
    expect(response.status).toBe(200)
    const revoked = (await response.json()) as Listed
    expect(revoked).toMatchObject({ id: created.id, name: 'CI', prefix: created.prefix, revokedAt: expect.any(String) })
    expect(revoked).not.toHaveProperty('key')
    const refused = await useKey(created.key)
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({ error: { code: 'unauthorized', message: 'Missing or invalid credentials' } })
    expect(((await (await revoke(created.id)).json()) as Listed).revokedAt).toBe(revoked.revokedAt)
    expect((await list()).find((key) => key.id === created.id)!.revokedAt).toBe(revoked.revokedAt)
  })

  it('lets a key revoke itself, after which it is refused', async () => {
    const created = (await (await create({ name: 'Self' })).json()) as Created
    const own = { authorization: `Bearer ${created.key}` }
    expect((await revoke(created.id, own)).status).toBe(200)
    expect((await revoke(created.id, own)).status).toBe(401)
  })

  it('answers 404 for an unknown key, 422 for a bad name, 400 for broken JSON', async () => {
    const missing = await revoke('no-such-key')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No such API key' } })
    for (const body of [{}, { name: '' }, { name: '  ' }, { name: 3 }, { name: 'x'.repeat(101) }]) {
      const response = await create(body)
      expect(response.status, JSON.stringify(body)).toBe(422)
      expect(await response.json()).toMatchObject({ error: { code: 'unprocessable', issues: [{ path: 'name' }] } })
    }
    expect((await create('{"name":')).status).toBe(400)
  })
})
