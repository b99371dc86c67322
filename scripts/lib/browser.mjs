// Finds (and if it must, installs) the Chromium that the end-to-end tests drive. The order matches
// e2e/support/browser.ts: CHROMIUM_PATH, Debian's /usr/bin/chromium, Playwright's own browser.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const SYSTEM_CHROMIUM_PATH = '/usr/bin/chromium'

const HOW_TO_GET_ONE = [
  'No Chromium found for the end-to-end tests. Any one of these fixes it:',
  '  sudo apt-get install -y chromium        (Debian/Ubuntu)',
  '  npx playwright install chromium         (Playwright download)',
  '  export CHROMIUM_PATH=/path/to/chromium  (any Chromium or Chrome)',
].join('\n')

async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test')
    const path = chromium.executablePath()
    return existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

/** @returns the path of a usable Chromium, or undefined. */
export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    return existsSync(fromEnv) ? fromEnv : undefined
  }
  if (existsSync(SYSTEM_CHROMIUM_PATH)) {
    return SYSTEM_CHROMIUM_PATH
  }
  return playwrightChromium()
}

function run(command, args) {
  console.log(`$ ${[command, ...args].join(' ')}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  return spawnSync(command, args, { stdio: 'inherit', env }).status === 0
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0
}

function installWithApt() {
  if (run('apt-get', ['install', '-y', 'chromium'])) {
    return true
  }
  // A fresh machine may have no package lists yet.
  return run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium'])
}

/**
 * Returns a Chromium path, installing one when none is found: apt-get when running as root on
 * Debian/Ubuntu, else Playwright's download. Exits the process with instructions when all fail.
 */
export async function ensureChromium() {
  const found = await findChromium()
  if (found) {
    return found
  }
  if (process.env.CHROMIUM_PATH) {
    console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`)
    console.error(HOW_TO_GET_ONE)
    process.exit(1)
  }
  console.log('No Chromium found; trying to install one.')
  if (process.getuid?.() === 0 && hasCommand('apt-get')) {
    installWithApt()
  } else {
    run('npx', ['playwright', 'install', 'chromium'])
  }
  const installed = await findChromium()
  if (!installed) {
    console.error(HOW_TO_GET_ONE)
    process.exit(1)
  }
  return installed
}
