// What one process knows about its door events, shared by every bundle that loads lib/events: the
// production server loads these modules twice, once in Next's bundle (where start-up starts the
// workers) and once in the dispatcher's (where API routes write outbox rows and kick the workers).
// Kept on globalThis, as the database client is (lib/db/index.ts), so both copies see one state:
// one instance id for claims, one set of running workers, one view of who listens.
const KEY = Symbol.for('qr-door.door-events')

interface ProcessState {
  instanceId: string | undefined
  running: WeakMap<object, unknown>
  listening: WeakMap<object, unknown>
}

const holder = globalThis as unknown as { [KEY]?: ProcessState }

export const processState: ProcessState = (holder[KEY] ??= { instanceId: undefined, running: new WeakMap(), listening: new WeakMap() })
