import { expect, test } from '@playwright/test'

import { Downloader } from './actors/downloader.ts'
import { FAST_SWARM_QUERY } from './actors/query.ts'
import { Seeder } from './actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { peerContexts } from './support/peer-contexts.ts'

const FILE_SIZE_BYTES = 2 * 1024 * 1024
const TIMEOUT_MS = 60_000

let workDir: string
/** One file per test: the first test's tabs stay open, and would join the second's swarm. */
let file: TestFile
let otherFile: TestFile
const newPeerContext = peerContexts()

test.beforeAll(async () => {
  workDir = await makeTempDir('paths')
  file = await writeRandomFile(workDir, 'paths.bin', FILE_SIZE_BYTES)
  otherFile = await writeRandomFile(workDir, 'relay-only.bin', FILE_SIZE_BYTES)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

test('[NET-1] two tabs on loopback see each other as direct, in the table and at a glance', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()
  const downloader = await Downloader.open(await newPeerContext(browser), link, 'downloader')

  for (const page of [seeder.page, downloader.page]) {
    const row = page.getByTestId('peer-row')
    await expect(row).toHaveCount(1, { timeout: TIMEOUT_MS })
    await expect(row).toHaveAttribute('data-path', 'direct', { timeout: TIMEOUT_MS })
    // Loopback: both ends are host candidates, and the RTT is measured.
    await expect(row).toContainText('direct (host ↔ host)')
    await expect(row).toContainText(/\d+ ms/, { timeout: TIMEOUT_MS })
    await expect(page.getByTestId('neighbour-paths')).toHaveText('1 (1 direct, 0 relayed)')
  }
  await downloader.waitForComplete(TIMEOUT_MS)
})

test('[NET-2] ?relay=1 without a TURN server: the setting is disabled with its reason', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.dropFile(otherFile.path)
  const link = await seeder.shareLink()
  const downloader = await Downloader.open(
    await newPeerContext(browser),
    link,
    'downloader',
    `${FAST_SWARM_QUERY}&relay=1`,
  )
  const box = downloader.page.getByLabel('Hide my IP address')

  // Disabled once the tracker's ICE configuration (no TURN in the hermetic e2e server) arrives.
  await expect(box).toBeDisabled({ timeout: TIMEOUT_MS })
  await expect(box).not.toBeChecked()
  await expect(downloader.page.getByTestId('relay-only-hint')).toHaveText(
    /needs a relay server; this Swarmdrop has none configured/i,
  )
  // Relay-only could connect to no one here, so the download still runs, directly.
  await expect(downloader.peerRows()).toHaveAttribute('data-path', 'direct', {
    timeout: TIMEOUT_MS,
  })
  await downloader.waitForComplete(TIMEOUT_MS)
})
