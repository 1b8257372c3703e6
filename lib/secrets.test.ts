import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadOrCreateSecret } from './secrets'

describe('loadOrCreateSecret', () => {
  it('creates one secret, keeps it, and leaves no drafts behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qr-door-secret-'))
    const first = loadOrCreateSecret(dir)
    expect(first.length).toBeGreaterThanOrEqual(32)
    expect(loadOrCreateSecret(dir)).toBe(first)
    expect(readFileSync(join(dir, 'app-secret'), 'utf8').trim()).toBe(first)
    expect(readdirSync(dir)).toEqual(['app-secret'])
  })
})
