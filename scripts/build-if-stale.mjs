// Builds the Next app and the API dispatcher's bundle (scripts/build-dispatch.mjs) when no build
// exists or the sources changed since the last one, so that
// `npm start` and `npm test` work on a fresh clone without a separate build step.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildDispatch, dispatchBundle } from './build-dispatch.mjs'

const root = join(fileURLToPath(import.meta.url), '../..')
const inputs = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build-dispatch.mjs',
]
const stampFile = join(root, '.next/qr-door-source.sha256')

function* files(path) {
  if (!existsSync(path)) return
  const stat = statSync(path)
  if (stat.isFile()) {
    yield path
    return
  }
  for (const entry of readdirSync(path).sort()) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue
    yield* files(join(path, entry))
  }
}

export function sourceHash() {
  const hash = createHash('sha256')
  for (const input of inputs) {
    for (const file of files(join(root, input))) {
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
    }
  }
  return hash.digest('hex')
}

const lockDir = join(root, '.tmp/build.lock')
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 10 * 60_000

/** Runs `build` while holding a lock directory, so that servers starting together (the e2e suite's two) never build into .next at once. */
function withBuildLock(build) {
  mkdirSync(join(root, '.tmp'), { recursive: true })
  for (;;) {
    try {
      mkdirSync(lockDir)
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      if (Date.now() - statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs > STALE_LOCK_MS)
        rmSync(lockDir, { recursive: true, force: true })
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500)
    }
  }
  try {
    return build()
  } finally {
    rmSync(lockDir, { recursive: true, force: true })
  }
}

function builtHash() {
  return existsSync(join(root, '.next/BUILD_ID')) && existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null
}

export function buildIfStale() {
  const current = sourceHash()
  if (builtHash() === current && existsSync(dispatchBundle)) return
  withBuildLock(() => buildUnlocked(current))
}

function buildUnlocked(current) {
  // Another process may have built while this one waited for the lock.
  const built = builtHash()
  if (built === current) {
    if (!existsSync(dispatchBundle)) buildDispatch()
    return
  }
  console.log(built ? 'qr-door: sources changed, rebuilding…' : 'qr-door: building the app (first start)…')
  const build = spawnSync(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (build.status !== 0) throw new Error('next build failed')
  buildDispatch()
  writeFileSync(stampFile, current + '\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfStale()
