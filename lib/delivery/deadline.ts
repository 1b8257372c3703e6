/** Thrown when a provider did not answer within DELIVERY_TIMEOUT_MS. */
export class DeadlineError extends Error {
  constructor(label: string, ms: number) {
    super(`${label} did not answer within ${ms} ms`)
    this.name = 'DeadlineError'
  }
}

/**
 * Bounds the whole provider call: the SDKs' own time-outs cover single phases (connect, idle
 * socket), not a server that keeps trickling bytes.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(label, ms)), ms)
  })
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
  }
}
