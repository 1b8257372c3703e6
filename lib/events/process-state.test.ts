// The production server loads lib/events twice (Next's bundle starts the workers, the dispatcher's
// bundle serves the API routes that kick them): both copies must share one process state.
import { describe, expect, it, vi } from 'vitest'
import type { Db } from '@/lib/db/client'

async function freshCopy() {
  vi.resetModules()
  return {
    listeners: await import('./listeners'),
    runtime: await import('./runtime'),
  }
}

describe('door events across bundles', () => {
  it('a second copy of the modules sees the first copy’s instance id, workers and MQTT listening', async () => {
    const first = await freshCopy()
    const second = await freshCopy()
    expect(second.runtime).not.toBe(first.runtime)
    expect(second.listeners.INSTANCE_ID).toBe(first.listeners.INSTANCE_ID)

    const db = {} as Db
    const sink = { topicPrefix: 'qrdoor', ready: () => true, publish: async () => undefined }
    const events = first.runtime.startDoorEvents({ db, mqtt: sink })
    try {
      expect(second.runtime.doorEventsMqttStatus(db)).toEqual({ configured: true, connected: true })
      // MQTT listens, so the other copy writes outbox rows for scans even with no endpoints known.
      second.listeners.noteWebhookEndpoints(db, false)
      expect(second.listeners.outboxClaim(db, new Date())).not.toBeNull()
    } finally {
      await events.stop()
    }
    expect(second.runtime.doorEventsMqttStatus(db)).toEqual({ configured: false, connected: false })
  })
})
