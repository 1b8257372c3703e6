import { describe, expect, it, vi } from 'vitest'
import { toErrorResponse } from './handler'

describe('toErrorResponse', () => {
  it('answers a database that gave up waiting with 503 and a retry hint, not 500', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const statementTimeout = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })
    const poolWait = new Error('timeout exceeded when trying to connect')
    for (const error of [statementTimeout, poolWait, new Error('wrapped', { cause: statementTimeout })]) {
      const response = toErrorResponse('app', error)
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('5')
      expect(await response.json()).toEqual({ error: { code: 'unavailable', message: 'The database is busy: try again shortly' } })
    }
  })

  it('answers anything else unexpected with 500 and a reference, never the error itself', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = toErrorResponse('fastapi', new Error('secret internals'))
    expect(response.status).toBe(500)
    expect(JSON.stringify(await response.json())).not.toContain('secret internals')
  })
})
