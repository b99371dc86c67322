import type { ChildProcess } from 'node:child_process'

import { expect, test } from '@playwright/test'

import { Downloader, sha256File } from './actors/downloader.ts'
import { Seeder } from './actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { startOwnServer, stopOwnServer } from './support/own-server.ts'
import { peerContexts } from './support/peer-contexts.ts'
import { freePort } from '../apps/tracker/src/free-port.ts'

const FILE_SIZE_BYTES = 16 * 1024 * 1024
const FILE_NAME = 'restart payload (e2e).bin'
const TRANSFER_TIMEOUT_MS = 150_000
/** The tracker goes down once the first downloader holds this much: mid-transfer. */
const RESTART_AT_PERCENT = 10

let workDir: string
let file: TestFile
let port: number
let tracker: ChildProcess | undefined
// Pointed at our own tracker's origin.
const newPeerContext = peerContexts(() => ({ baseURL: `http://127.0.0.1:${port}` }))

test.beforeAll(async () => {
  workDir = await makeTempDir('restart')
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

test('[TR-11][TR-15] a tracker restart mid-transfer stops no download; files arrive byte for byte', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()
  expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/.*#2\\.[A-Za-z0-9_-]{43}$`))

  const first = await Downloader.open(await newPeerContext(browser), link, 'downloader 1')
  const second = await Downloader.open(await newPeerContext(browser), link, 'downloader 2')
  await first.waitForProgress(RESTART_AT_PERCENT, TRANSFER_TIMEOUT_MS)

  await test.step('the tracker stops; data channels already open keep carrying pieces', async () => {
    await stopOwnServer(tracker as ChildProcess)
    const atStop = await first.progress()
    await expect
      .poll(async () => first.progress(), {
        timeout: TRANSFER_TIMEOUT_MS,
        message: 'progress with no tracker',
      })
      .toBeGreaterThan(Math.min(atStop, 99))
  })

  await test.step('the tracker comes back on the same port; peers re-announce', async () => {
    tracker = await startOwnServer(port)
  })

  // A newcomer after the restart finds the swarm only if the others re-announced (TR-11).
  const third = await Downloader.open(await newPeerContext(browser), link, 'downloader 3')
  const downloaders = [first, second, third]
  await test.step('every downloader completes', async () => {
    for (const downloader of downloaders) {
      await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
    }
  })
  for (const [index, downloader] of downloaders.entries()) {
    const saved = await downloader.save(`${workDir}/saved-${index + 1}`)
    expect(saved.suggestedFilename, `${downloader.name} file name`).toBe(file.name)
    expect(await sha256File(saved.path), `${downloader.name} SHA-256`).toBe(file.sha256)
  }
})
