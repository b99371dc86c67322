import { expect, test } from '@playwright/test'

import { Downloader, sha256File } from './actors/downloader.ts'
import { FAST_SWARM_QUERY } from './actors/query.ts'
import { Seeder } from './actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { peerContexts } from './support/peer-contexts.ts'

const FILE_SIZE_BYTES = 8 * 1024 * 1024
const FILE_NAME = 'the sender leaves (e2e).bin'
/** The first seeder's upload cap: 8 MiB take ~32 s, so "about half way" lasts seconds. */
const THROTTLED_UP_BPS = 256 * 1024
/** The seeder's tab closes once the downloader holds this much. */
const CLOSE_AT_PERCENT = 40
/** Issue #12: within 30 s the downloader no longer lists the gone seeder and says it left. */
const NOTICED_WITHIN_MS = 30_000
const TRANSFER_TIMEOUT_MS = 120_000

let workDir: string
let file: TestFile
const newPeerContext = peerContexts()

test.beforeAll(async () => {
  workDir = await makeTempDir('leaves')
  file = await writeRandomFile(workDir, FILE_NAME, FILE_SIZE_BYTES)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

test('[EN-11][EN-13][EN-14] the only seeder closes its tab at about half way; a new one finishes the download byte for byte', async ({
  browser,
}) => {
  // The sender's browser: it outlives the tab, as a person's browser outlives a closed tab.
  const sendersBrowser = await newPeerContext(browser)
  const first = await Seeder.open(sendersBrowser, `${FAST_SWARM_QUERY}&up=${THROTTLED_UP_BPS}`)
  await first.dropFile(file.path)
  const link = await first.shareLink()
  const downloader = await Downloader.open(await newPeerContext(browser), link, 'downloader')

  const seederId = await test.step('the downloader gets pieces from its only seeder', async () => {
    await downloader.waitForProgress(CLOSE_AT_PERCENT, TRANSFER_TIMEOUT_MS)
    await expect(downloader.peerRows()).toHaveCount(1)
    return (await downloader.peerRows().first().getAttribute('data-peer-id')) ?? ''
  })
  expect(seederId).not.toBe('')
  const closedAtPercent = await downloader.progress()
  expect(closedAtPercent, 'progress when the seeder left').toBeLessThan(100)

  await test.step('the seeder closes its tab; within 30 s the downloader says it left', async () => {
    const closedAt = Date.now()
    await first.page.close()
    const row = downloader.page.locator(`[data-testid="peer-row"][data-peer-id="${seederId}"]`)
    await expect(row).toHaveCount(0, { timeout: NOTICED_WITHIN_MS })
    await expect(downloader.status()).toContainText(/The sender left at \d+ %/, {
      timeout: NOTICED_WITHIN_MS - (Date.now() - closedAt),
    })
    const text = (await downloader.status().textContent()) ?? ''
    const leftAt = Number(/left at (\d+) %/.exec(text)?.[1])
    expect(leftAt).toBeGreaterThanOrEqual(closedAtPercent)
    expect(leftAt).toBeLessThan(100)
    // Printed so a slow path shows: pagehide's teardown makes it ~1 s, the idle timeout ~20 s.
    console.log(
      `seeder-leaves: the downloader said the sender left ${Date.now() - closedAt} ms after the tab closed (at ${leftAt} %)`,
    )
    // Nobody is sending: no made-up time left.
    await expect(downloader.page.getByTestId('swarm-glance')).toHaveAttribute('data-eta-ms', '')
    await expect(downloader.status()).not.toContainText('complete')
  })

  await test.step('the sender opens a new tab and drops the same file; the download resumes and finishes', async () => {
    // Throttled too: unthrottled, the rest could arrive between two polls of the status line,
    // and "Downloading" would never be seen.
    const second = await Seeder.open(
      sendersBrowser,
      `${FAST_SWARM_QUERY}&up=${2 * THROTTLED_UP_BPS}`,
    )
    await second.dropFile(file.path)
    // Same bytes and the salt this browser remembered for them (MD-10): the same swarm.
    expect(await second.shareLink()).toBe(link)
    await expect(downloader.status()).toContainText('Downloading', { timeout: TRANSFER_TIMEOUT_MS })
    await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  })

  await test.step('the saved file is byte-identical', async () => {
    const saved = await downloader.save(`${workDir}/saved`)
    expect(saved.suggestedFilename).toBe(file.name)
    expect(await sha256File(saved.path)).toBe(file.sha256)
  })
})
