import { expect, test } from '@playwright/test'

import { Downloader, sha256File } from './actors/downloader.ts'
import { Seeder } from './actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { peerContexts } from './support/peer-contexts.ts'

const FILE_SIZE_BYTES = 24 * 1024 * 1024
const FILE_NAME = 'swarm payload (e2e).bin'
const DOWNLOADERS = 3
/** A downloader joins once the one before it holds this much, so it has pieces to trade. */
const STAGGER_PERCENT = 10
const TRANSFER_TIMEOUT_MS = 150_000
const BOOLEAN_ATTRIBUTE = /^(true|false)$/
const PEER_STATE_ATTRIBUTES = [
  'data-am-choking',
  'data-peer-choking',
  'data-am-interested',
  'data-peer-interested',
] as const

let workDir: string
let file: TestFile
const newPeerContext = peerContexts()

test.beforeAll(async () => {
  workDir = await makeTempDir('seed')
  file = await writeRandomFile(workDir, FILE_NAME, FILE_SIZE_BYTES)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

test('[MD-2][EN-1][EN-4][CK-4] one seeder and three downloaders share a 24 MiB file byte for byte', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newPeerContext(browser))
  const link = await test.step('seeder drops the file and gets a share link', async () => {
    await seeder.dropFile(file.path)
    return seeder.shareLink()
  })
  expect(link).toMatch(/#2\.[A-Za-z0-9_-]{43}$/)

  const downloaders: Downloader[] = []
  await test.step('three downloaders join, each once the previous one holds pieces', async () => {
    for (let index = 0; index < DOWNLOADERS; index += 1) {
      const previous = downloaders.at(-1)
      if (previous !== undefined) {
        await previous.waitForProgress(STAGGER_PERCENT, TRANSFER_TIMEOUT_MS)
      }
      const context = await newPeerContext(browser)
      downloaders.push(await Downloader.open(context, link, `downloader ${index + 1}`))
    }
  })

  await test.step('the swarm panel shows each neighbour with its BEP-3 state', async () => {
    const watched = downloaders.at(-1)
    if (watched === undefined) {
      throw new Error('no downloader')
    }
    const firstRow = watched.peerRows().first()
    await expect(firstRow).toBeVisible({ timeout: TRANSFER_TIMEOUT_MS })
    for (const attribute of PEER_STATE_ATTRIBUTES) {
      await expect(firstRow).toHaveAttribute(attribute, BOOLEAN_ATTRIBUTE)
    }
    await expect(firstRow).toHaveAttribute('data-peer-id', /.+/)
    await expect(firstRow).toHaveAttribute('data-down-bps', /^\d+(\.\d+)?$/)
    await expect(firstRow).toHaveAttribute('data-up-bps', /^\d+(\.\d+)?$/)
  })

  await test.step('every downloader completes', async () => {
    for (const downloader of downloaders) {
      await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
      expect(await downloader.progress(), `${downloader.name} progress`).toBe(100)
    }
  })

  await test.step('every saved file is byte-identical under its original name', async () => {
    for (const [index, downloader] of downloaders.entries()) {
      const saved = await downloader.save(`${workDir}/saved-${index + 1}`)
      expect(saved.suggestedFilename, `${downloader.name} file name`).toBe(file.name)
      expect(await sha256File(saved.path), `${downloader.name} SHA-256`).toBe(file.sha256)
    }
  })

  await test.step('downloaders uploaded too: the swarm, not only the seeder, did the work', async () => {
    // The seeder wants nothing, so whatever a downloader uploaded went to another downloader.
    // Upload counters travel with the periodic stats snapshot (EN-5), so poll rather than read once.
    await expect
      .poll(
        async () => {
          const uploads = await Promise.all(downloaders.map(async (d) => d.uploadedBytes()))
          return Math.max(...uploads)
        },
        { timeout: 30_000, message: 'largest upload by a downloader' },
      )
      .toBeGreaterThan(0)
    expect(await seeder.uploadedBytes(), 'seeder upload').toBeGreaterThan(0)
  })
})
