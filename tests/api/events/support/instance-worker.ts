// A second app instance in a process of its own, for tests/api/events/two-instances-events.test.ts on
// SQLite: two instances there are two processes on one file (in one process, two Prisma clients
// would block each other's event loop in SQLite's synchronous busy wait). It opens the test's
// database (DATABASE_URL), connects its own MQTT publisher (QRDOOR_WORKER_MQTT_URL,
// QRDOOR_WORKER_TOPIC_PREFIX), prints {"ready":true}, then runs the door-events work it is asked
// for, one JSON line per request on stdin ({id, op, args}), answering {id, ok, result | error}.
//
// Run as `node --import tsx --conditions=react-server tests/api/events/support/instance-worker.ts`.
import { createInterface } from 'node:readline'
import { closeDb } from '@/lib/db/client'
import { db } from '@/lib/db'
import { recordHeartbeat, sweepOfflineKiosks } from '@/lib/events/kiosk-presence'
import { connectMqtt } from '@/lib/events/mqtt'
import { processOutbox } from '@/lib/events/outbox'
import { sendDueWebhooks } from '@/lib/events/webhooks'

const publisher = connectMqtt({
  url: process.env.QRDOOR_WORKER_MQTT_URL!,
  topicPrefix: process.env.QRDOOR_WORKER_TOPIC_PREFIX!,
  log: { log: () => {}, warn: (message: string) => console.error(message) },
})

type Args = Record<string, string | number>
const date = (value: string | number | undefined) => new Date(String(value))

const operations: Record<string, (args: Args) => Promise<unknown>> = {
  processOutbox: (args) =>
    processOutbox({ db, now: date(args.now), mqtt: publisher, instanceId: String(args.instanceId), limit: Number(args.limit) }),
  sendDueWebhooks: (args) => sendDueWebhooks({ db, now: date(args.now), parallel: Number(args.parallel) }),
  recordHeartbeat: (args) => recordHeartbeat({ db, now: date(args.now), kioskId: String(args.kioskId) }),
  sweepOfflineKiosks: (args) => sweepOfflineKiosks({ db, now: date(args.now) }),
}

const answer = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`)

async function main() {
  while (!publisher.ready()) await new Promise((resolve) => setTimeout(resolve, 20))
  answer({ ready: true })
  // Requests run as they come, several at once, as an instance's timers and requests do.
  for await (const line of createInterface({ input: process.stdin })) {
    const { id, op, args } = JSON.parse(line) as { id: number; op: string; args: Args }
    const run = operations[op]
    if (!run) {
      answer({ id, ok: false, error: `unknown operation ${op}` })
      continue
    }
    run(args).then(
      (result) => answer({ id, ok: true, result }),
      (error: unknown) => answer({ id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    )
  }
  // stdin closed: the test is done with this instance.
  await publisher.close()
  await closeDb(db)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
