// The pass-holder cache (lib/door/pass-holder-cache.ts) may only save reads: every outcome is the
// one the user's row gives now. Each case scans once to fill the cache, changes the row behind it,
// and scans again within the cache's lifetime.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { formatQrString } from '@/lib/door/qr-string'
import { resetDoorPass } from '@/lib/door/reset-door-pass'
import { totpCode, totpStep } from '@/lib/door/totp'
import { decryptTotpSecret } from '@/lib/door/totp-secret'
import { validateScan } from '@/lib/door/validate-scan'
import { createPassUser } from './fixtures'

const t0 = new Date('2026-06-01T10:00:05Z')
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)

async function passFor(userId: string, now: Date): Promise<string> {
  const { totpSecretEnc } = await db.user.findUniqueOrThrow({ where: { id: userId } })
  const secret = decryptTotpSecret({ encrypted: totpSecretEnc!, userId })!
  return formatQrString(userId, totpCode({ secret, step: totpStep(now) }))
}

const scan = (now: Date, input: string) => validateScan({ db, now, input, grantSeconds: 30 })
/** The pass's guess slots held at `now` (lib/otp/sliding-window.ts): one per wrong code. */
const wrongGuesses = (userId: string, now: Date) =>
  db.rateLimitCounter.count({ where: { key: { contains: userId }, expiresAt: { gt: now } } })

describe('the pass-holder cache', () => {
  it('a pass reset since the last scan: the new pass’s code grants and costs no guess; the old one is refused', async () => {
    const user = await createPassUser()
    const old = await passFor(user.id, at(0))
    expect((await scan(at(0), old)).granted).toBe(true)
    await resetDoorPass({ db, userId: user.id })
    const fresh = await passFor(user.id, at(31))
    const guessesBefore = await wrongGuesses(user.id, at(31))
    expect(await scan(at(31), fresh)).toMatchObject({ granted: true, reason: 'granted' })
    expect(await wrongGuesses(user.id, at(31))).toBe(guessesBefore)
    expect(await scan(at(32), old)).toMatchObject({ granted: false, reason: 'wrong_code' })
  })

  it('a user disabled since the last scan is refused at once, with the next code too', async () => {
    const user = await createPassUser()
    expect((await scan(at(0), await passFor(user.id, at(0)))).granted).toBe(true)
    await db.user.update({ where: { id: user.id }, data: { disabled: true } })
    expect(await scan(at(31), await passFor(user.id, at(31)))).toMatchObject({ granted: false, reason: 'disabled_user' })
    // Re-enabled: no stale "disabled" either.
    await db.user.update({ where: { id: user.id }, data: { disabled: false } })
    expect(await scan(at(61), await passFor(user.id, at(61)))).toMatchObject({ granted: true })
  })

  it('a user deleted since the last scan is unknown', async () => {
    const user = await createPassUser()
    const next = await passFor(user.id, at(31))
    expect((await scan(at(0), await passFor(user.id, at(0)))).granted).toBe(true)
    await db.user.delete({ where: { id: user.id } })
    expect(await scan(at(31), next)).toMatchObject({ granted: false, reason: 'unknown_user', userId: null })
  })

  it('a wrong code against a cached pass still spends one guess', async () => {
    const user = await createPassUser()
    expect((await scan(at(0), await passFor(user.id, at(0)))).granted).toBe(true)
    const right = (await passFor(user.id, at(31))).split('_')[1]!
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0')
    const guessesBefore = await wrongGuesses(user.id, at(31))
    expect(await scan(at(31), formatQrString(user.id, wrong))).toMatchObject({ granted: false, reason: 'wrong_code' })
    expect(await wrongGuesses(user.id, at(31))).toBe(guessesBefore + 1)
  })
})
