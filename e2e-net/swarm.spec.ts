// A swarm across four homes of mixed NAT types: whatever route each pair finds, everyone finishes.
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from '../e2e/support/files.ts'
import { expect, test } from './lab/fixtures.ts'
import type { NatKind } from './lab/network.ts'
import {
  LAB_FILE_BYTES,
  type Opened,
  TRANSFER_TIMEOUT_MS,
  expectSavedIdentical,
  openFrom,
  reportFigure,
  seedFrom,
  waitForPaths,
} from './support/transfer.ts'

const DOWNLOADER_NATS: readonly NatKind[] = ['port-preserving', 'symmetric', 'udp-blocked']

let workDir: string
let file: TestFile

test.beforeAll(async () => {
  workDir = await makeTempDir('net-swarm')
  file = await writeRandomFile(workDir, 'swarm payload.bin', LAB_FILE_BYTES)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

test('[IC-1][NET-1] a 1 + 3 swarm across four homes of mixed NAT types: everyone finishes byte-identical', async ({
  homes,
}) => {
  const seederHome = await homes.add('port-preserving')
  const downloaderHomes = []
  for (const nat of DOWNLOADER_NATS) {
    downloaderHomes.push(await homes.add(nat))
  }
  const { link } = await seedFrom(seederHome, 'turn', file)
  const opened: Opened[] = await Promise.all(
    downloaderHomes.map(async (home) => openFrom(home, 'turn', link, `downloader (${home.nat})`)),
  )
  for (const { downloader } of opened) {
    await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
    expect(await downloader.progress(), `${downloader.name} progress`).toBe(100)
  }
  for (const [index, { downloader }] of opened.entries()) {
    await expectSavedIdentical(downloader, file, `${workDir}/saved-${index + 1}`)
  }
  const paths = await Promise.all(
    opened.map(async ({ downloader }) => {
      const rows = await waitForPaths(downloader.page, 1, downloader.name)
      return `${downloader.name}: ${rows.join(', ')}`
    }),
  )
  reportFigure('paths', paths.join('; '))
})
