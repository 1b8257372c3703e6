import { describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from './env'

describe('parseEnv', () => {
  it('defaults to the embedded SQLite database', () => {
    const env = parseEnv({})
    expect(env.DATABASE_URL).toBe('file:./data/qr-door.db')
    expect(env.DOOR_GRANT_SECONDS).toBe(30)
    expect(env.OTP_DEMO_MODE).toBeUndefined()
  })

  it('treats empty strings as unset', () => {
    expect(parseEnv({ APP_SECRET: '', SMTP_SERVER: ' ' }).APP_SECRET).toBeUndefined()
  })

  it('names every bad variable', () => {
    let error: unknown
    try {
      parseEnv({ DATABASE_URL: 'mysql://x', DOOR_GRANT_SECONDS: 'soon', APP_SECRET: 'short' })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(EnvError)
    const variables = (error as EnvError).issues.map((issue) => issue.variable).sort()
    expect(variables).toEqual(['APP_SECRET', 'DATABASE_URL', 'DOOR_GRANT_SECONDS'])
    expect((error as EnvError).message).toContain('DOOR_GRANT_SECONDS')
  })

  it('reads DEFAULT_PHONE_COUNTRY as an ISO 3166 alpha-2 code, and refuses the rest', () => {
    expect(parseEnv({}).DEFAULT_PHONE_COUNTRY).toBeUndefined()
    expect(parseEnv({ DEFAULT_PHONE_COUNTRY: ' gb ' }).DEFAULT_PHONE_COUNTRY).toBe('GB')
    expect(() => parseEnv({ DEFAULT_PHONE_COUNTRY: 'UK' })).toThrow(/DEFAULT_PHONE_COUNTRY: must be an ISO 3166/)
    expect(() => parseEnv({ DEFAULT_PHONE_COUNTRY: 'USA' })).toThrow(/DEFAULT_PHONE_COUNTRY/)
  })

  it('parses boolean flags', () => {
    expect(parseEnv({ OTP_DEMO_MODE: 'true' }).OTP_DEMO_MODE).toBe(true)
    expect(parseEnv({ OTP_DEMO_MODE: '0' }).OTP_DEMO_MODE).toBe(false)
    expect(() => parseEnv({ OTP_DEMO_MODE: 'maybe' })).toThrow(/OTP_DEMO_MODE/)
  })
})
