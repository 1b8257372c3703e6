// Writes prisma/postgres/schema.prisma from prisma/schema.prisma and generates both Prisma clients.
// Runs offline: Prisma's CLI wants to download its schema engine before it does anything, which this
// environment forbids and `prisma generate` does not need (docs/decisions/0003-offline-prisma-generate.md).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The PostgreSQL schema is the SQLite one with another provider and client output. */
export function toPostgresSchema(sqliteSchema) {
  const header = '// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs. Do not edit.\n'
  return (
    header +
    sqliteSchema
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('output       = "../lib/db/generated/sqlite"', 'output       = "../../lib/db/generated/postgres"')
  )
}

export function writePostgresSchema() {
  const source = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8')
  const target = join(root, 'prisma/postgres/schema.prisma')
  mkdirSync(dirname(target), { recursive: true })
  const next = toPostgresSchema(source)
  if (!existsSync(target) || readFileSync(target, 'utf8') !== next) writeFileSync(target, next)
}

function engineEnv() {
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' }
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
    // Any existing file satisfies the CLI's start-up check; generate never executes it.
    env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath
  }
  return env
}

function generate(schema) {
  const cli = join(root, 'node_modules/prisma/build/index.js')
  const run = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], {
    cwd: root,
    env: engineEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  })
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr)
    throw new Error(`prisma generate failed for ${schema}`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writePostgresSchema()
  generate('prisma/schema.prisma')
  generate('prisma/postgres/schema.prisma')
  console.log('prisma: generated the SQLite and PostgreSQL clients in lib/db/generated/')
}
