// A few PostgreSQL connections in node-postgres's pipeline mode, for the hot path's short
// statements. A pool lends a connection to one query at a time, so every statement costs a socket
// write, a wake-up of its backend and a read; under load that, not the SQL, is most of what a
// request costs here (a CPU profile of the kiosk scan row on PostgreSQL: 27 % of the app's time in
// the pool's writev). Pipelined, a connection carries every query given to it without waiting for
// the ones before, and the queries of one turn of the event loop leave in one write (corked until
// setImmediate), so 32 requests' statements cost a handful of writes and wake-ups.
// Measured on 2 cores (32 concurrent callers, one counter upsert each): pool of 2, 6,700–7,400/s
// and 81–102 µs of app CPU per statement; 2 pipelined connections, 16,900–20,200/s and 29–39 µs.
//
// Each query still has its own Sync, so it is its own transaction and its error is its own. A slow
// statement delays the ones queued behind it on its connection, so only short statements belong
// here (the statement time-out bounds the rest). A connection that fails is dropped and the next
// query opens a new one; the queries it carried fail, as they would on a pool's connection.
import pg from 'pg'

export interface QueryRunner {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>
}

export interface PipelinedConnections extends QueryRunner {
  end(): Promise<void>
}

interface Slot {
  client: pg.Client
  ready: Promise<void>
  /** The socket is corked until the end of this turn of the event loop. */
  corked: boolean
}

export function createPipelinedConnections(options: { config: pg.ClientConfig; size: number }): PipelinedConnections {
  const slots: (Slot | null)[] = Array.from({ length: Math.max(1, options.size) }, () => null)
  let next = 0
  let ended = false

  function open(index: number): Slot {
    const client = new pg.Client({ ...options.config, pipeline: true })
    const slot: Slot = { client, ready: Promise.resolve(), corked: false }
    const drop = () => {
      if (slots[index] === slot) slots[index] = null
    }
    // Without a listener a dropped connection's error would end the process; its queries are
    // rejected by node-postgres itself.
    client.on('error', drop)
    client.on('end', drop)
    slot.ready = client.connect().then(
      () => undefined,
      (error: unknown) => {
        drop()
        throw error
      },
    )
    slots[index] = slot
    return slot
  }

  function send<R extends pg.QueryResultRow>(slot: Slot, config: pg.QueryConfig): Promise<pg.QueryResult<R>> {
    const stream = (slot.client as unknown as { connection: { stream: NodeJS.WritableStream & { cork(): void; uncork(): void } } })
      .connection.stream
    if (!slot.corked) {
      slot.corked = true
      stream.cork()
      setImmediate(() => {
        slot.corked = false
        stream.uncork()
      })
    }
    return slot.client.query<R>(config)
  }

  return {
    async query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>> {
      if (ended) throw new Error('The pipelined connections have been ended')
      const index = next
      next = (next + 1) % slots.length
      const slot = slots[index] ?? open(index)
      await slot.ready
      return send<R>(slot, config)
    },
    async end() {
      ended = true
      const live = slots.filter((slot): slot is Slot => slot !== null)
      slots.fill(null)
      await Promise.allSettled(live.map((slot) => slot.ready.then(() => slot.client.end())))
    },
  }
}
