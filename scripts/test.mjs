// `npm test`: every test. Unit tests, component tests, API tests on SQLite, API tests on PostgreSQL when
// TEST_POSTGRES_URL is set, then the Playwright suite in Chromium. Without a Chromium the e2e part
// is skipped with a loud line, unless E2E_REQUIRED=1, which makes a missing browser a failure.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(import.meta.url), '../..')
const tmp = join(root, '.tmp')
mkdirSync(tmp, { recursive: true })
const summary = []
let failedRuns = 0

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.status !== 0) failedRuns++
  return result.status === 0
}

function vitest(project) {
  const report = join(tmp, `vitest-${project}.json`)
  rmSync(report, { force: true })
  run(`vitest: ${project}`, process.execPath, [
    join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ])
  if (!existsSync(report)) return summary.push({ label: project, passed: 0, failed: 1, skipped: 0 })
  const json = JSON.parse(readFileSync(report, 'utf8'))
  summary.push({
    label: project,
    passed: json.numPassedTests,
    failed: json.numFailedTests + (json.numTotalTestSuites > 0 && json.success === false && json.numFailedTests === 0 ? 1 : 0),
    skipped: json.numPendingTests + json.numTodoTests,
  })
}

vitest('unit')
vitest('components')
vitest('api-sqlite')
if (process.env.TEST_POSTGRES_URL) vitest('api-postgres')
else console.log('\nqr-door: TEST_POSTGRES_URL is not set: API tests ran on SQLite only.')

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  const banner = `!!! E2E SKIPPED: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH) !!!`
  console.log(`\n${'!'.repeat(banner.length)}\n${banner}\n${'!'.repeat(banner.length)}`)
  if (process.env.E2E_REQUIRED === '1') {
    console.log('E2E_REQUIRED=1: a missing browser fails the run.')
    summary.push({ label: 'e2e (chromium)', passed: 0, failed: 1, skipped: 0 })
    failedRuns++
  }
} else {
  const report = join(tmp, 'playwright.json')
  rmSync(report, { force: true })
  run(
    'playwright: e2e in Chromium',
    process.execPath,
    [join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  )
  if (existsSync(report)) {
    const stats = JSON.parse(readFileSync(report, 'utf8')).stats
    summary.push({ label: 'e2e (chromium)', passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped })
  } else {
    summary.push({ label: 'e2e (chromium)', passed: 0, failed: 1, skipped: 0 })
  }
}

console.log('\n=== summary ===')
for (const row of summary) console.log(`${row.label.padEnd(16)} ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped`)
const total = summary.reduce(
  (sum, row) => ({ passed: sum.passed + row.passed, failed: sum.failed + row.failed, skipped: sum.skipped + row.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
)
const failed = Math.max(total.failed, failedRuns > 0 && total.failed === 0 ? 1 : 0)
console.log(`${total.passed} passed, ${failed} failed, ${total.skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
