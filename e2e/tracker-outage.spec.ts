import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { expect, test } from '@playwright/test'

import { Downloader } from './actors/downloader.ts'
import { FAST_SWARM_QUERY } from './actors/query.ts'
import { Seeder } from './actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { peerContexts } from './support/peer-contexts.ts'
import { freePort } from '../apps/tracker/src/free-port.ts'

const FILE_SIZE_BYTES = 4 * 1024 * 1024
const FILE_NAME = 'outage payload (e2e).bin'
const TRANSFER_TIMEOUT_MS = 120_000
/** Throttled so the download is still running when the tracker goes: 4 MiB take ~16 s. */
const SLOW_QUERY = `${FAST_SWARM_QUERY}&up=${256 * 1024}`
const REPO = fileURLToPath(new URL('..', import.meta.url))
const STARTUP_TIMEOUT_MS = 30_000

let workDir: string
let file: TestFile
let port: number
let tracker: ChildProcess | undefined
// Pointed at our own tracker's origin.
const newPeerContext = peerContexts(() => ({ baseURL: `http://127.0.0.1:${port}` }))

/** Our own tracker (serving the built web app), so this test can stop and restart it. */
async function startTracker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/tracker/src/main.ts'], {
    cwd: REPO,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      STATIC_DIR: `${REPO}apps/web/dist`,
      LOG_LEVEL: 'warn',
      // Hermetic: no public STUN server (STYLE §7, SPEC IC-2).
      STUN_URLS: '',
    },
  })
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/healthz`)).status
        } catch {
          return 0
        }
      },
      { timeout: STARTUP_TIMEOUT_MS, message: 'tracker /healthz' },
    )
    .toBe(200)
  return child
}

async function stopTracker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  await exited
}

test.beforeAll(async () => {
  workDir = await makeTempDir('outage')
  file = await writeRandomFile(workDir, FILE_NAME, FILE_SIZE_BYTES)
  port = await freePort()
  tracker = await startTracker()
})

test.afterAll(async () => {
  if (tracker !== undefined) {
    await stopTracker(tracker)
  }
  await removeDir(workDir)
})

test('[UX-1][TR-15] a tracker outage is named on both sides, and the download visibly keeps going', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newPeerContext(browser), SLOW_QUERY)
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()
  const downloader = await Downloader.open(
    await newPeerContext(browser),
    link,
    'downloader',
    SLOW_QUERY,
  )
  await downloader.waitForProgress(5, TRANSFER_TIMEOUT_MS)

  await stopTracker(tracker as ChildProcess)
  await expect(seeder.status()).toContainText(
    'The tracker is unreachable: nobody new can join; existing connections keep going.',
  )
  await expect(downloader.status()).toContainText(
    'nobody new can join, but your download keeps going over the connections you have',
  )
  await expect(downloader.status()).toContainText('Downloading from 1 person.')
  const atOutage = await downloader.progress()
  await expect
    .poll(async () => downloader.progress(), { timeout: TRANSFER_TIMEOUT_MS })
    .toBeGreaterThan(Math.min(atOutage, 99))

  tracker = await startTracker()
  await expect(seeder.status()).not.toContainText('unreachable', { timeout: TRANSFER_TIMEOUT_MS })
  await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
})
