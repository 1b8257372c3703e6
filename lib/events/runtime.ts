// The door-events workers of one app instance: the MQTT connection, the outbox (right after each
// write that made rows, and every OUTBOX_INTERVAL_MS for rows whose sender died), the webhook
// deliveries that are due, and the kiosk-presence sweep. Started by lib/startup.ts; tests start
// their own with startDoorEvents. No timer keeps the process alive.
import type { Db } from '@/lib/db/client'
import { sweepOfflineKiosks } from './kiosk-presence'
import { INSTANCE_ID, setMqttListening } from './listeners'
import { doorStatePayload, doorTopic } from './messages'
import { connectMqtt, type MqttPublisher } from './mqtt'
import { processOutbox, type MqttSink } from './outbox'
import { processState } from './process-state'
import { sendDueWebhooks } from './webhooks'

const OUTBOX_INTERVAL_MS = 1_000
const WEBHOOK_INTERVAL_MS = 2_000
const PRESENCE_INTERVAL_MS = 15_000
/** Least time between the starts of two runs of a kind under a stream of kicks. */
const BURST_GAP_MS = 50

export interface DoorEvents {
  /** Runs the outbox soon (next turn of the event loop), then the due webhooks. */
  kick(): void
  /** Resolves when no run is in progress or pending (tests; a graceful stop). */
  settled(): Promise<void>
  stop(): Promise<void>
  /** For the console: whether MQTT is configured here, and connected now. */
  mqttStatus(): { configured: boolean; connected: boolean }
}

/** Per process, not per bundle (lib/events/process-state.ts). */
const running = processState.running as WeakMap<Db, DoorEvents>

/** After a write that made outbox rows: sends them now rather than at the next interval. */
export function kickDoorEvents(db: Db): void {
  running.get(db)?.kick()
}

/** The MQTT status of this instance's workers for `db` (none running: not configured). */
export function doorEventsMqttStatus(db: Db): { configured: boolean; connected: boolean } {
  return running.get(db)?.mqttStatus() ?? { configured: false, connected: false }
}

export function startDoorEvents(o: {
  db: Db
  mqtt?: { url: string; username?: string; password?: string; topicPrefix: string } | MqttSink | null
  instanceId?: string
  claimMs?: number
  /** The clock; tests move it. */
  now?: () => Date
  intervals?: { outboxMs?: number; webhooksMs?: number; presenceMs?: number; burstGapMs?: number }
  fetch?: typeof fetch
}): DoorEvents {
  const { db } = o
  const now = o.now ?? (() => new Date())
  const log = (what: string) => (error: unknown) => console.error(`[qr-door] events: ${what} failed:`, error)
  let publisher: MqttPublisher | null = null
  let sink: MqttSink | null = null
  if (o.mqtt && 'url' in o.mqtt) {
    publisher = connectMqtt({ ...o.mqtt, onConnect: () => void publishDoorStates().then(kick, log('republishing door states')) })
    sink = publisher
  } else if (o.mqtt) {
    sink = o.mqtt
  }
  setMqttListening(db, sink !== null)

  /** Every door's lockdown state, retained: a restarted broker may have lost it. */
  async function publishDoorStates() {
    if (!sink?.ready()) return
    const doors = await db.door.findMany({ select: { id: true, lockdown: true } })
    const at = now()
    await sink.publish(
      doors.map((door) => ({
        topic: doorTopic(sink!.topicPrefix, door.id, 'state'),
        payload: JSON.stringify(doorStatePayload({ doorId: door.id, lockdown: door.lockdown, at })),
        retain: true,
      })),
    )
  }

  // One run of each kind at a time; a kick during a run asks for one more after it. Under a stream
  // of scans every scan kicks: runs start at most every `burstGapMs`, so that each handles a batch.
  // On SQLite every run's few Prisma statements take the write turn from the scans' group commits
  // (lib/db/write-turns.ts); run after every commit, they halved the scans' rate (decision 0013).
  const burstGapMs = o.intervals?.burstGapMs ?? BURST_GAP_MS
  let stopped = false
  // Rows whose sender died are looked for by the interval's runs, not by every run after a write.
  let takeOverDue = true
  const outboxRuns = serialRuns(burstGapMs, log('the outbox run'), async () => {
    const takeOver = takeOverDue
    takeOverDue = false
    const run = await processOutbox({ db, now: now(), mqtt: sink, instanceId: o.instanceId ?? INSTANCE_ID, claimMs: o.claimMs, takeOver })
    // Webhooks in a lane of their own: the next unlock never waits for a slow receiver.
    if (run.deliveries > 0) sendWebhooks()
  })
  const webhookRuns = serialRuns(burstGapMs, log('sending webhooks'), () => sendDueWebhooks({ db, now: now(), fetch: o.fetch }))
  function kick() {
    if (!stopped) outboxRuns.request()
  }
  function sendWebhooks() {
    if (!stopped) webhookRuns.request()
  }
  const sweep = () => {
    if (stopped) return
    void sweepOfflineKiosks({ db, now: now() }).then((changed) => changed.length > 0 && kick(), log('the kiosk presence sweep'))
  }

  const timers = [
    setInterval(() => {
      takeOverDue = true
      kick()
    }, o.intervals?.outboxMs ?? OUTBOX_INTERVAL_MS),
    setInterval(sendWebhooks, o.intervals?.webhooksMs ?? WEBHOOK_INTERVAL_MS),
    setInterval(sweep, o.intervals?.presenceMs ?? PRESENCE_INTERVAL_MS),
  ]
  for (const timer of timers) timer.unref()

  const events: DoorEvents = {
    kick,
    mqttStatus: () => ({ configured: sink !== null, connected: sink?.ready() ?? false }),
    async settled() {
      while (outboxRuns.busy() || webhookRuns.busy()) await Promise.all([outboxRuns.current(), webhookRuns.current()])
    },
    async stop() {
      stopped = true
      for (const timer of timers) clearInterval(timer)
      await events.settled()
      await publisher?.close()
      if (running.get(db) === events) running.delete(db)
      setMqttListening(db, false)
    },
  }
  running.set(db, events)
  return events
}

/**
 * Runs `run` one at a time: a request during a run asks for one more after it (however many came),
 * started at least `gapMs` after the previous one started.
 */
function serialRuns(gapMs: number, onError: (error: unknown) => void, run: () => Promise<unknown>) {
  let active: Promise<void> | null = null
  let again = false
  let lastStart = -Infinity
  function request() {
    if (active) {
      again = true
      return
    }
    active = new Promise<void>((resolve) => {
      const wait = lastStart + gapMs - performance.now()
      if (wait > 0) setTimeout(resolve, wait)
      else setImmediate(resolve)
    })
      .then(() => {
        lastStart = performance.now()
        return run()
      })
      .then(() => undefined, onError)
      .finally(() => {
        active = null
        if (again) {
          again = false
          request()
        }
      })
  }
  return {
    request,
    /** A run under way or asked for. */
    busy: () => active !== null || again,
    current: () => active,
  }
}
