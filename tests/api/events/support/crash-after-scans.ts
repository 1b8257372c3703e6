// An app instance that dies before it sends its door events (tests/api/events/broker-outage.test.ts):
// it opens the test's database (DATABASE_URL), makes the granted scans it is given, whose access
// events and outbox rows are committed with them, prints their event ids and kills itself with
// SIGKILL. Its door-events runtime is never started, so nothing of them was published; the outbox
// rows stay claimed by this dead instance until their claim ends.
//
// Run as `node --import tsx --conditions=react-server tests/api/events/support/crash-after-scans.ts` (the
// condition makes `server-only` importable outside Next, as vitest's alias does in the tests),
// with QRDOOR_CRASH_SCANS='{"now": ISO, "passes": [QR strings], "doorId", "kioskId"}'.
import { db } from '@/lib/db'
import { validateScan } from '@/lib/door/validate-scan'
import { setMqttListening } from '@/lib/events/listeners'

interface Scans {
  now: string
  passes: string[]
  doorId: string
  kioskId: string
}

async function main() {
  const scans = JSON.parse(process.env.QRDOOR_CRASH_SCANS ?? '') as Scans
  // As with MQTT_URL set: every scan writes its outbox row. Nothing here publishes it.
  setMqttListening(db, true)
  const eventIds: number[] = []
  for (const input of scans.passes) {
    const scan = await validateScan({ db, now: new Date(scans.now), input, kioskId: scans.kioskId, doorId: scans.doorId })
    if (!scan.granted) throw new Error(`the scan was refused: ${scan.reason}`)
    eventIds.push(scan.eventId)
  }
  // Committed (validateScan answers after its commit), and now the process dies without a word.
  process.stdout.write(`${JSON.stringify({ eventIds })}\n`, () => process.kill(process.pid, 'SIGKILL'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
