import { describe, expect, it } from 'vitest'
import { GET as kioskMe } from '@/app/api/kiosk/me/route'
import { POST as kioskScan } from '@/app/api/kiosk/scans/route'
import { GET as pass } from '@/app/api/pass/route'
import { db } from '@/lib/db'
import { groupQrString, parseQrString } from '@/lib/door/qr-string'
import { apiKeyCredentials, call, createPassUser, kioskCredentials, noCredentials, params, sessionCredentials } from './door/fixtures'

const none = params({})

describe('GET /api/pass', () => {
  it('gives the signed-in user their pass and its countdown', async () => {
    const user = await createPassUser({ name: 'Ada' })
    const response = await pass(call('/api/pass', await sessionCredentials(user.id)), none)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({ userId: user.id, name: 'Ada', grantSeconds: 30 })
    expect(parseQrString(body.qrString)).toMatchObject({ ok: true, userId: user.id })
    expect(body.secondsUntilRotation).toBeGreaterThan(0)
    expect(body.secondsUntilRotation).toBeLessThanOrEqual(30)
  })

  it('gives a user without a pass yet a new one', async () => {
    const user = await db.user.create({ data: { id: 'no-pass-yet', name: 'New', email: 'new@example.com' } })
    const response = await pass(call('/api/pass', await sessionCredentials(user.id)), none)
    expect(response.status).toBe(200)
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecretEnc).not.toBeNull()
  })

  it('answers 401 without a session and 403 to other callers', async () => {
    expect((await pass(call('/api/pass', noCredentials), none)).status).toBe(401)
    expect((await pass(call('/api/pass', await kioskCredentials()), none)).status).toBe(403)
  })
})

describe('kiosk API', () => {
  it('tells a kiosk its name, and refuses other callers', async () => {
    const kiosk = await kioskCredentials('Loading dock')
    expect(await (await kioskMe(call('/api/kiosk/me', kiosk), none)).json()).toEqual({
      kiosk: { id: kiosk.kioskId, name: 'Loading dock' },
      door: null,
    })
    expect((await kioskMe(call('/api/kiosk/me', noCredentials), none)).status).toBe(401)
    expect((await kioskMe(call('/api/kiosk/me', await apiKeyCredentials()), none)).status).toBe(403)
  })

  it('grants a pass once, names the person, and says why it refuses', async () => {
    const user = await createPassUser({ name: 'Grace Hopper' })
    const kiosk = await kioskCredentials()
    const { qrString } = await (await pass(call('/api/pass', await sessionCredentials(user.id)), none)).json()
    const scan = (input: string) => kioskScan(call('/api/kiosk/scans', kiosk, { method: 'POST', body: { input } }), none)

    const granted = await scan(qrString)
    expect(await granted.json()).toMatchObject({
      granted: true,
      reason: 'granted',
      message: 'Access granted',
      userName: 'Grace Hopper',
    })
    expect(await (await scan(qrString)).json()).toMatchObject({
      granted: false,
      reason: 'replay',
      message: 'Code already used',
      userName: 'Grace Hopper',
    })
    expect(await (await scan('hello')).json()).toMatchObject({ granted: false, reason: 'malformed', userName: null })
    const events = await db.accessEvent.findMany({ where: { kioskId: kiosk.kioskId }, orderBy: { id: 'asc' } })
    expect(events.map((event) => event.reason)).toEqual(['granted', 'replay', 'malformed'])
  })

  it('grants a pass typed in lower case and in blocks, as the pass page shows it', async () => {
    const user = await createPassUser({ id: '550e8400-e29b-41d4-a716-446655440000', name: 'Typed' })
    const kiosk = await kioskCredentials()
    const { qrString } = await (await pass(call('/api/pass', await sessionCredentials(user.id)), none)).json()
    const scan = (input: string) => kioskScan(call('/api/kiosk/scans', kiosk, { method: 'POST', body: { input } }), none)

    const typed = groupQrString(qrString).toLowerCase().replaceAll(' _ ', '-_-')
    expect(await (await scan(typed)).json()).toMatchObject({ granted: true, reason: 'granted', userName: 'Typed' })
    // The pass page tells a new grant from a running one by this time.
    const after = await (await pass(call('/api/pass', await sessionCredentials(user.id)), none)).json()
    const { grantedAt } = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(after.grantedAt).toBe(grantedAt!.toISOString())
    expect(await (await scan(qrString)).json()).toMatchObject({ granted: false, reason: 'replay' })
  })

  it.each([
    [{}, 400],
    [{ input: '' }, 400],
    ['{oops', 400],
  ])('answers %j with %i', async (body, status) => {
    const response = await kioskScan(call('/api/kiosk/scans', await kioskCredentials(), { method: 'POST', body }), none)
    expect(response.status).toBe(status)
    expect((await response.json()).error).toBeDefined()
  })

  it('refuses a revoked kiosk at once', async () => {
    const kiosk = await kioskCredentials()
    await db.kiosk.update({ where: { id: kiosk.kioskId }, data: { revokedAt: new Date() } })
    const response = await kioskScan(call('/api/kiosk/scans', kiosk, { method: 'POST', body: { input: 'x' } }), none)
    expect(response.status).toBe(401)
  })
})
