import { join } from 'node:path'

import { expect, test } from '@playwright/test'

import { Downloader, sha256File } from './actors/downloader.ts'
import { FAST_SWARM_QUERY } from './actors/query.ts'
import { Seeder } from './actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { peerContexts } from './support/peer-contexts.ts'
import { swarmIdOfLink } from './support/links.ts'

const FILE_SIZE_BYTES = 16 * 1024 * 1024
/** 256 KiB pieces (MD-4 for 16 MiB): a piece in flight at the reload is at most this much. */
const PIECE_BYTES = 256 * 1024
/** The seeder's upload cap (EN-7), so the download lasts long enough to interrupt at half. */
const SEEDER_UP_BPS = 1024 * 1024
const TRANSFER_TIMEOUT_MS = 90_000

let workDir: string
let file: TestFile
const newPeerContext = peerContexts()

test.beforeAll(async () => {
  workDir = await makeTempDir('resume')
  file = await writeRandomFile(workDir, 'resume me.bin', FILE_SIZE_BYTES)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

test('[EN-9] a download interrupted at half by a reload resumes from disk and re-downloads nothing it had', async ({
  browser,
}) => {
  const seeder = await Seeder.open(
    await newPeerContext(browser),
    `${FAST_SWARM_QUERY}&up=${SEEDER_UP_BPS}`,
  )
  await seeder.chooseFile(file.path)
  const link = await seeder.shareLink()

  const downloader = await Downloader.open(await newPeerContext(browser), link, 'downloader')
  // Polled often, so the reload lands close to half way.
  await expect
    .poll(async () => downloader.progress(), { intervals: [100], timeout: TRANSFER_TIMEOUT_MS })
    .toBeGreaterThanOrEqual(50)
  const progressAtReload = await downloader.progress()
  await downloader.reload()

  // The pieces on disk are re-verified and shown before any new byte arrives.
  await downloader.waitForProgress(progressAtReload, 30_000)
  await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  const receivedAfterReload = await downloader.downloadedBytes()
  const lackingAtReload = Math.ceil(FILE_SIZE_BYTES * (1 - progressAtReload / 100))
  console.log(
    `resume: reloaded at ${progressAtReload} %, then received ${receivedAfterReload} bytes ` +
      `(${lackingAtReload} were missing at the reload)`,
  )
  expect(receivedAfterReload).toBeGreaterThan(0)
  // Progress is floored, and pieces in flight at the reload are fetched again: a piece or two.
  expect(receivedAfterReload).toBeLessThanOrEqual(lackingAtReload + 2 * PIECE_BYTES)

  const saved = await downloader.save(join(workDir, 'saved'))
  expect(saved.suggestedFilename).toBe(file.name)
  expect(await sha256File(saved.path)).toBe(file.sha256)

  // The home page's library lists the download as done; Remove deletes its data from OPFS.
  const swarmId = swarmIdOfLink(link)
  await downloader.page.goto(`/${FAST_SWARM_QUERY}`)
  const row = downloader.page.locator(`[data-testid="library-row"][data-swarm-id="${swarmId}"]`)
  await expect(row).toHaveAttribute('data-state', 'done')
  await expect(row).toHaveAttribute('data-percent', '100')
  await row.getByTestId('library-remove').click()
  await expect(row).toHaveCount(0)
  // SPEC UX-6: the data goes once the undo period (10 s) is over.
  await expect
    .poll(
      async () =>
        downloader.page.evaluate(async (id) => {
          const root = await navigator.storage.getDirectory()
          const library = await root.getDirectoryHandle('swarmdrop')
          return library
            .getDirectoryHandle(id)
            .then(() => true)
            .catch(() => false)
        }, swarmId),
      { timeout: 30_000, message: 'removed from OPFS after the undo period' },
    )
    .toBe(false)
})

test('[EN-9][EN-14] back to a finished download from another page: it is shared again from disk, nothing downloaded twice', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.chooseFile(file.path)
  const link = await seeder.shareLink()
  const context = await newPeerContext(browser)
  // Whether Chromium kept the page in its back/forward cache: the page then reloads itself
  // (its engine was closed on pagehide, SPEC EN-14); either way it must come back working.
  await context.addInitScript(() => {
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) {
        sessionStorage.setItem('restored-from-bfcache', 'yes')
      }
    })
  })
  const downloader = await Downloader.open(context, link, 'downloader')
  await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)

  await downloader.page.goto(`/${FAST_SWARM_QUERY}`)
  await expect(downloader.page.getByTestId('library-row')).toHaveCount(1)
  await downloader.page.goBack()

  await downloader.waitForComplete(30_000)
  const restored = await downloader.page.evaluate(() =>
    sessionStorage.getItem('restored-from-bfcache'),
  )
  console.log(
    `back/forward: the page came back ${restored === 'yes' ? 'from' : 'without'} the cache`,
  )
  // Every piece came from the disk, re-verified: not one byte from a neighbour.
  expect(await downloader.downloadedBytes()).toBe(0)
  const saved = await downloader.save(join(workDir, 'saved-after-back'))
  expect(await sha256File(saved.path)).toBe(file.sha256)
})
