// The hot path's PostgreSQL connections (lib/db/pipelined-connections.ts): the statements of one
// turn of the event loop leave in one write, each keeps its own result and error, and a connection
// that dies is replaced.
import { Socket } from 'node:net'
import pg from 'pg'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { dbTarget } from '@/lib/db'
import { closeDb, createDb } from '@/lib/db/client'
import { createPipelinedConnections, type PipelinedConnections } from '@/lib/db/pipelined-connections'

const dialect = process.env.TEST_DB_DIALECT === 'postgres' ? 'postgres' : 'sqlite'

describe.runIf(dialect === 'postgres')('pipelined PostgreSQL connections', () => {
  const target = dbTarget.dialect === 'postgres' ? dbTarget : undefined
  let connections: PipelinedConnections | undefined
  const open = (size: number) => {
    connections = createPipelinedConnections({
      config: { connectionString: target!.connectionString, options: `-c search_path="${target!.schema}"` },
      size,
    })
    return connections
  }
  afterEach(async () => {
    vi.restoreAllMocks()
    await connections?.end()
  })

  it('sends the statements of one turn of the event loop in one socket write', async () => {
    const set = open(1)
    await set.query({ text: 'SELECT 1' }) // connected
    const writev = vi.spyOn(Socket.prototype as unknown as { _writev: () => void }, '_writev')
    const write = vi.spyOn(Socket.prototype as unknown as { _write: () => void }, '_write')
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => set.query<{ n: number }>({ name: 'pipelined_n', text: 'SELECT $1::int AS n', values: [i] })),
    )
    expect(results.map((result) => result.rows[0]!.n)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(writev.mock.calls.length + write.mock.calls.length).toBe(1)
  })

  it('answers each statement with its own result or error, even in one write', async () => {
    const set = open(1)
    const [first, failed, last] = await Promise.allSettled([
      set.query({ text: 'SELECT 1 AS n' }),
      set.query({ text: 'SELECT 1 / 0 AS n' }),
      set.query({ text: 'SELECT 3 AS n' }),
    ])
    expect(first).toMatchObject({ status: 'fulfilled', value: { rows: [{ n: 1 }] } })
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/division by zero/) } })
    expect(last).toMatchObject({ status: 'fulfilled', value: { rows: [{ n: 3 }] } })
  })

  it('replaces a connection that died: the next statement gets a new one', async () => {
    const set = open(1)
    const before = (await set.query<{ pid: number }>({ text: 'SELECT pg_backend_pid() AS pid' })).rows[0]!.pid
    await expect(set.query({ text: 'SELECT pg_terminate_backend(pg_backend_pid())' })).rejects.toThrow()
    await vi.waitFor(async () => {
      const after = (await set.query<{ pid: number }>({ text: 'SELECT pg_backend_pid() AS pid' })).rows[0]!.pid
      expect(after).not.toBe(before)
    })
  })

  it('fails statements queued behind a locked table after the statement time-out and pool wait, not one time-out each', async () => {
    const url = new URL(target!.connectionString)
    url.searchParams.set('schema', target!.schema)
    // 40 statements on 4 connections: each waits for the lock until its statement time-out, so
    // one after another the last would wait 10 × 300 ms.
    const short = createDb(url.toString(), { poolSize: 4, statementTimeoutMs: 300, poolWaitMs: 300 })
    const locker = new pg.Client({ connectionString: target!.connectionString })
    await locker.connect()
    try {
      await short.db.sql.findDoorState('nobody') // connected and prepared
      await locker.query('BEGIN')
      await locker.query(`LOCK TABLE "${target!.schema}"."User" IN ACCESS EXCLUSIVE MODE`)
      const started = performance.now()
      const settled = await Promise.allSettled(Array.from({ length: 40 }, () => short.db.sql.findDoorState('nobody')))
      expect(settled.every((result) => result.status === 'rejected')).toBe(true)
      expect(performance.now() - started).toBeLessThan(2_000)
      await locker.query('ROLLBACK')
      expect(await short.db.sql.findDoorState('nobody')).toBeNull()
    } finally {
      await locker.end()
      await closeDb(short.db)
    }
  })
})
