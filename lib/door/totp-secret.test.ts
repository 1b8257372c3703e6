import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decryptTotpSecret, encryptTotpSecret, generateTotpSecret, TOTP_SECRET_BYTES } from './totp-secret'

const key = randomBytes(32)

describe('TOTP secrets', () => {
  it('are at least 160 random bits', () => {
    expect(TOTP_SECRET_BYTES * 8).toBeGreaterThanOrEqual(160)
    const a = generateTotpSecret()
    expect(a).toHaveLength(TOTP_SECRET_BYTES)
    expect(a.equals(generateTotpSecret())).toBe(false)
  })

  it('round-trip through AES-GCM and never store the secret in clear', () => {
    const secret = generateTotpSecret()
    const encrypted = encryptTotpSecret({ secret, userId: 'u1', key })
    expect(encrypted).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(encrypted).not.toContain(secret.toString('base64url'))
    expect(encrypted).not.toBe(encryptTotpSecret({ secret, userId: 'u1', key }))
    expect(decryptTotpSecret({ encrypted, userId: 'u1', key })).toEqual(secret)
  })

  it('do not open for another user, another key or a changed ciphertext', () => {
    const encrypted = encryptTotpSecret({ secret: generateTotpSecret(), userId: 'u1', key })
    expect(decryptTotpSecret({ encrypted, userId: 'u2', key })).toBeNull()
    expect(decryptTotpSecret({ encrypted, userId: 'u1', key: randomBytes(32) })).toBeNull()
    const [format, iv, tag, data] = encrypted.split('.') as [string, string, string, string]
    const flipped = Buffer.from(data, 'base64url')
    flipped[0]! ^= 1
    expect(decryptTotpSecret({ encrypted: [format, iv, tag, flipped.toString('base64url')].join('.'), userId: 'u1', key })).toBeNull()
    const shortTag = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url')
    expect(decryptTotpSecret({ encrypted: [format, iv, shortTag, data].join('.'), userId: 'u1', key })).toBeNull()
    expect(decryptTotpSecret({ encrypted: 'garbage', userId: 'u1', key })).toBeNull()
  })
})
