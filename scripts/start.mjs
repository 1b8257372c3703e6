// `npm start`: build when needed, then serve on PORT (default 3000). The app applies its
// migrations itself when it starts (instrumentation.ts).
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfStale } from './build-if-stale.mjs'

const root = join(fileURLToPath(import.meta.url), '../..')
buildIfStale()
const port = process.env.PORT ?? '3000'
const server = spawn(
  process.execPath,
  [join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', port, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
