import type { ChildProcess } from 'node:child_process'

import { expect, test } from '@playwright/test'

import { Downloader } from './actors/downloader.ts'
import { FAST_SWARM_QUERY } from './actors/query.ts'
import { Seeder } from './actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { startOwnServer, stopOwnServer } from './support/own-server.ts'
import { peerContexts } from './support/peer-contexts.ts'
import { freePort } from '../apps/tracker/src/free-port.ts'

const FILE_SIZE_BYTES = 4 * 1024 * 1024
const FILE_NAME = 'outage payload (e2e).bin'
const TRANSFER_TIMEOUT_MS = 120_000
/** Throttled so the download is still running when the tracker goes: 4 MiB take ~16 s. */
const SLOW_QUERY = `${FAST_SWARM_QUERY}&up=${256 * 1024}`

let workDir: string
let file: TestFile
let port: number
let tracker: ChildProcess | undefined
// Pointed at our own tracker's origin.
const newPeerContext = peerContexts(() => ({ baseURL: `http://127.0.0.1:${port}` }))

test.beforeAll(async () => {
  workDir = await makeTempDir('outage')
  file = await writeRandomFile(workDir, FILE_NAME, FILE_SIZE_BYTES)
  port = await freePort()
  tracker = await startOwnServer(port)
})

test.afterAll(async () => {
  if (tracker !== undefined) {
    await stopOwnServer(tracker)
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

  await stopOwnServer(tracker as ChildProcess)
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

  tracker = await startOwnServer(port)
  await expect(seeder.status()).not.toContainText('unreachable', { timeout: TRANSFER_TIMEOUT_MS })
  await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
})
