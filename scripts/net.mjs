// `npm run test:net [-- playwright args]`: the network lab (e2e-net/, playwright.net.config.ts).
// It needs root on Linux with network namespaces, iptables, tc and coturn; anywhere else it says
// which is missing and exits 0 (skipped), so `npm test` runs it wherever it can.
// It serves the existing web build (apps/web/dist) and builds it only when that is missing,
// unless SWARMDROP_SKIP_BUILD=1 (scripts/test.mjs has just built it).
// NET_JSON_REPORT=<path> keeps Playwright's JSON report there; either way the run ends with each
// case's time, the figures the cases report, and the lab's total time.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { ensureChromium } from './lib/browser.mjs'

/** The probe namespace's name: the lab prefix, so a crashed probe is cleared with the lab. */
const PROBE_NS = 'sdl-probe'

function quiet(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' })
  return result.error === undefined && result.status === 0
}

function has(command) {
  return quiet('sh', ['-c', `command -v ${command}`])
}

/** Why the lab cannot run here, or null when it can. */
function missingPrerequisite() {
  if (process.platform !== 'linux') {
    return `network namespaces are Linux only (this is ${process.platform})`
  }
  if (process.getuid?.() !== 0) {
    return 'the lab creates network namespaces and NAT rules, which needs root'
  }
  for (const [command, from] of [
    ['ip', 'iproute2'],
    ['iptables', 'iptables'],
    ['tc', 'iproute2'],
    ['turnserver', 'coturn'],
    ['turnutils_stunclient', 'coturn'],
    ['turnutils_uclient', 'coturn'],
  ]) {
    if (!has(command)) {
      return `no ${command} on PATH (apt-get install ${from})`
    }
  }
  if (!quiet('ip', ['netns', 'list'])) {
    return '`ip netns` does not work here'
  }
  // Root in a container may still lack CAP_SYS_ADMIN / CAP_NET_ADMIN: try one namespace.
  quiet('ip', ['netns', 'del', PROBE_NS])
  const canCreate = quiet('ip', ['netns', 'add', PROBE_NS])
  const canFilter = canCreate && quiet('ip', ['netns', 'exec', PROBE_NS, 'iptables', '-S'])
  quiet('ip', ['netns', 'del', PROBE_NS])
  if (!canCreate) {
    return 'cannot create a network namespace (no CAP_SYS_ADMIN?)'
  }
  if (!canFilter) {
    return 'iptables does not work inside a network namespace'
  }
  return null
}

function run(command, args, env = process.env) {
  console.log(`$ ${[command, ...args].join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env })
  return result.status ?? 1
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

/** Every test in a Playwright JSON report, with its title path, outcome, time and annotations. */
function testsOf(suite, titles = []) {
  const path = suite.title === '' ? titles : [...titles, suite.title]
  const own = (suite.specs ?? []).flatMap((spec) =>
    (spec.tests ?? []).map((test) => {
      const result = test.results?.at(-1)
      return {
        title: [...path.slice(1), spec.title].join(' › '),
        status: result?.status ?? 'skipped',
        seconds: (result?.duration ?? 0) / 1000,
        annotations: test.annotations ?? [],
      }
    }),
  )
  return [...own, ...(suite.suites ?? []).flatMap((child) => testsOf(child, path))]
}

function printSummary(reportPath, seconds) {
  const report = readJson(reportPath)
  console.log('\n── network lab ──')
  for (const test of (report?.suites ?? []).flatMap((suite) => testsOf(suite))) {
    const mark = test.status === 'passed' ? 'ok  ' : test.status === 'skipped' ? 'skip' : 'FAIL'
    console.log(`${mark}  ${test.seconds.toFixed(1).padStart(6)} s  ${test.title}`)
    for (const { type, description } of test.annotations) {
      if (type.startsWith('lab:')) {
        console.log(`                ${type.slice(4)}: ${description}`)
      }
    }
  }
  console.log(`network lab total ${seconds.toFixed(1)} s`)
}

const started = performance.now()
const missing = missingPrerequisite()
if (missing !== null) {
  console.log(`net: skipped, ${missing}.`)
  process.exit(0)
}

const chromium = await ensureChromium()
console.log(`net: using Chromium at ${chromium}`)
if (process.env.SWARMDROP_SKIP_BUILD !== '1' && !existsSync('apps/web/dist/index.html')) {
  const status = run('npx', ['vite', 'build'])
  if (status !== 0) {
    console.error('net: the web app build failed')
    process.exit(status)
  }
}

const ownReport = process.env.NET_JSON_REPORT === undefined
const reportDir = ownReport ? mkdtempSync(join(tmpdir(), 'swarmdrop-net-')) : undefined
const reportPath = process.env.NET_JSON_REPORT ?? join(reportDir, 'playwright-net.json')
const status = run(
  'npx',
  ['playwright', 'test', '--config', 'playwright.net.config.ts', ...process.argv.slice(2)],
  { ...process.env, CHROMIUM_PATH: chromium, NET_JSON_REPORT: reportPath },
)
printSummary(reportPath, (performance.now() - started) / 1000)
if (reportDir !== undefined) {
  rmSync(reportDir, { recursive: true, force: true })
}
process.exit(status)
