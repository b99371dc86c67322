// `npm test`: the whole suite, in CI order, stopping at the first failure.
//   install (only when node_modules is missing or stale) → format:check → typecheck → lint →
//   unit tests → build → Chromium → browser unit tests (OPFS) → end-to-end tests → network lab
//   (root on Linux only; skipped elsewhere with the reason printed)
// It prints each step's time and closes with one line counting the tests that ran.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const reportDir = mkdtempSync(join(tmpdir(), 'swarmdrop-test-'))
const UNIT_REPORT = join(reportDir, 'vitest.json')
const LOAD_REPORT = join(reportDir, 'vitest-load.json')
const E2E_REPORT = join(reportDir, 'playwright.json')
const NET_REPORT = join(reportDir, 'playwright-net.json')
/** npm writes package-lock.json and node_modules/.package-lock.json within moments of each other. */
const INSTALL_CLOCK_SLACK_MS = 1_000

const timings = []
const counts = { passed: 0, failed: 0, skipped: 0, known: false }

function run(command, args, env = {}) {
  console.log(`$ ${[command, ...args].join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status ?? 1
}

function needsInstall() {
  if (!existsSync('node_modules')) {
    return true
  }
  const marker = existsSync('node_modules/.package-lock.json')
    ? 'node_modules/.package-lock.json'
    : 'node_modules'
  return statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs + INSTALL_CLOCK_SLACK_MS
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

function countUnit(path) {
  const report = readJson(path)
  if (report === undefined) {
    return
  }
  counts.known = true
  counts.passed += report.numPassedTests ?? 0
  counts.failed += report.numFailedTests ?? 0
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
}

function countPlaywright(path) {
  const stats = readJson(path)?.stats
  if (stats === undefined) {
    return
  }
  counts.known = true
  counts.passed += (stats.expected ?? 0) + (stats.flaky ?? 0)
  counts.failed += stats.unexpected ?? 0
  counts.skipped += stats.skipped ?? 0
}

async function ensureBrowser() {
  // Imported late: @playwright/test may only exist after the install step.
  const { ensureChromium } = await import('./lib/browser.mjs')
  const path = await ensureChromium()
  console.log(`Chromium: ${path}`)
  process.env.CHROMIUM_PATH = path
  return 0
}

const steps = [
  ['install', () => (needsInstall() ? run('npm', ['install']) : (console.log('up to date'), 0))],
  ['format:check', () => run('npm', ['run', 'format:check'])],
  ['typecheck', () => run('node', ['scripts/typecheck.mjs'])],
  ['lint', () => run('npm', ['run', 'lint'])],
  [
    'unit',
    () => {
      const status = run('npx', [
        'vitest',
        'run',
        '--project=node',
        '--project=web',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${UNIT_REPORT}`,
      ])
      countUnit(UNIT_REPORT)
      return status
    },
  ],
  [
    // Tests that measure latency under load run alone, so other test files cannot skew them.
    'load',
    () => {
      const status = run('npx', [
        'vitest',
        'run',
        '--project=load',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${LOAD_REPORT}`,
      ])
      countUnit(LOAD_REPORT)
      return status
    },
  ],
  ['build', () => run('npm', ['run', 'build'])],
  ['browser', ensureBrowser],
  [
    // Units that need a real browser (OPFS), in headless Chromium through Vitest browser mode.
    'browser-unit',
    () => {
      const report = join(reportDir, 'vitest-browser.json')
      const status = run('npx', [
        'vitest',
        'run',
        '--project=browser',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ])
      countUnit(report)
      return status
    },
  ],
  [
    'e2e',
    () => {
      const status = run('node', ['scripts/e2e.mjs'], {
        SWARMDROP_SKIP_BUILD: '1',
        E2E_JSON_REPORT: E2E_REPORT,
      })
      countPlaywright(E2E_REPORT)
      return status
    },
  ],
  [
    // NAT traversal between Chromium tabs in network namespaces (scripts/net.mjs says when and
    // why it skips).
    'net',
    () => {
      const status = run('node', ['scripts/net.mjs'], {
        SWARMDROP_SKIP_BUILD: '1',
        NET_JSON_REPORT: NET_REPORT,
      })
      countPlaywright(NET_REPORT)
      return status
    },
  ],
]

function printSummary(failedStep) {
  console.log('\n── npm test summary ──')
  for (const { name, seconds, status } of timings) {
    console.log(`${status === 0 ? 'ok  ' : 'FAIL'}  ${name.padEnd(13)} ${seconds.toFixed(1)} s`)
  }
  const total = timings.reduce((sum, step) => sum + step.seconds, 0)
  console.log(`total ${total.toFixed(1)} s`)
  if (failedStep !== undefined) {
    console.log(`npm test FAILED at step "${failedStep}"; see its output above.`)
  } else {
    console.log('npm test passed: every step succeeded.')
  }
  if (counts.known) {
    const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : ''
    console.log(`tests: ${counts.passed} passed, ${counts.failed} failed${skipped}`)
  }
}

let failedStep
for (const [name, step] of steps) {
  console.log(`\n▶ ${name}`)
  const started = performance.now()
  const status = await step()
  const seconds = (performance.now() - started) / 1000
  timings.push({ name, seconds, status })
  console.log(`${status === 0 ? '✔' : '✘'} ${name} (${seconds.toFixed(1)} s)`)
  if (status !== 0) {
    failedStep = name
    break
  }
}
rmSync(reportDir, { recursive: true, force: true })
printSummary(failedStep)
process.exit(failedStep === undefined ? 0 : 1)
