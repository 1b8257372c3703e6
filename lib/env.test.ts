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

  it('reads the MQTT settings: a broker URL of an MQTT scheme, a topic prefix without wildcards', () => {
    expect(parseEnv({}).MQTT_URL).toBeUndefined()
    expect(parseEnv({}).MQTT_TOPIC_PREFIX).toBe('qrdoor')
    expect(parseEnv({ MQTT_URL: 'mqtt://127.0.0.1:1883', MQTT_TOPIC_PREFIX: 'site-a' })).toMatchObject({
      MQTT_URL: 'mqtt://127.0.0.1:1883',
      MQTT_TOPIC_PREFIX: 'site-a',
    })
    expect(() => parseEnv({ MQTT_URL: 'http://broker:1883' })).toThrow(/MQTT_URL/)
    expect(() => parseEnv({ MQTT_TOPIC_PREFIX: 'site/#' })).toThrow(/MQTT_TOPIC_PREFIX/)
    expect(() => parseEnv({ MQTT_TOPIC_PREFIX: ' ' })).toThrow(/MQTT_TOPIC_PREFIX/)
  })
})
