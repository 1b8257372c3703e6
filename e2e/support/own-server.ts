// A production server of a spec's own (scripts/e2e-server.mjs) on its own port and fresh database,
// for specs that need a server in a known state or one they may kill.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { e2eAdminApiKey } from '../config'

const root = join(__dirname, '..', '..')

export interface OwnServer {
  baseUrl: string
  /** The SQLite file behind it. */
  databaseFile: string
  kill(signal?: NodeJS.Signals): Promise<void>
}

export async function startOwnServer(options: { port: number; dispatch?: boolean; env?: Record<string, string> }): Promise<OwnServer> {
  const baseUrl = `http://127.0.0.1:${options.port}`
  const server = spawn(process.execPath, ['scripts/e2e-server.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      E2E_PORT: String(options.port),
      E2E_DISPATCH: options.dispatch === false ? 'off' : 'on',
      ADMIN_API_KEY: e2eAdminApiKey,
      ...options.env,
    },
    stdio: 'ignore',
  })
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (server.exitCode !== null || server.signalCode !== null) return
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill(signal)
    await exited
  }
  const deadline = Date.now() + 120_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server on ${baseUrl} exited with ${server.exitCode}`)
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await kill('SIGKILL')
      throw new Error(`${baseUrl} did not start`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { baseUrl, databaseFile: join(root, '.tmp', `e2e-${options.port}`, 'e2e.db'), kill }
}
