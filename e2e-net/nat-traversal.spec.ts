// Two homes, each behind its own NAT router, share a file through the lab's app (issue #12).
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from '../e2e/support/files.ts'
import { FAST_SWARM_QUERY } from '../e2e/actors/query.ts'
import { Seeder } from '../e2e/actors/seeder.ts'
import { expect, test } from './lab/fixtures.ts'
import {
  candidatesNaming,
  recordRemoteCandidates,
  remoteCandidates,
} from './support/webrtc-record.ts'
import {
  LAB_FILE_BYTES,
  TRANSFER_TIMEOUT_MS,
  connectTimeMs,
  expectSavedIdentical,
  openFrom,
  reportFigure,
  seconds,
  seedFrom,
  waitForPaths,
} from './support/transfer.ts'

/** Issue #12, point 6: the status says why within a minute. */
const NO_CONNECTION_MESSAGE_TIMEOUT_MS = 60_000

let workDir: string
let file: TestFile

test.beforeAll(async () => {
  workDir = await makeTempDir('net')
  file = await writeRandomFile(workDir, 'lab payload.bin', LAB_FILE_BYTES)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

test('[IC-1][IC-2][NET-1] two homes behind port-preserving NATs connect with STUN alone: direct, byte-identical', async ({
  homes,
}) => {
  const [seederHome, downloaderHome] = [
    await homes.add('port-preserving'),
    await homes.add('port-preserving'),
  ]
  const { link } = await seedFrom(seederHome, 'stun', file)
  const opened = await openFrom(downloaderHome, 'stun', link, 'downloader')
  const connectMs = await connectTimeMs(opened)
  const [path] = await waitForPaths(opened.downloader.page, 1, 'downloader')
  reportFigure('connect', `${seconds(connectMs)} (link opened → first neighbour), path ${path}`)
  expect(path, 'how the neighbour is reached').toBe('direct')
  await opened.downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  await expectSavedIdentical(opened.downloader, file, `${workDir}/direct`)
})

test('[IC-3][NET-1] two homes behind symmetric NATs connect through TURN: relay, byte-identical', async ({
  homes,
}) => {
  const [seederHome, downloaderHome] = [await homes.add('symmetric'), await homes.add('symmetric')]
  const { link } = await seedFrom(seederHome, 'turn', file)
  const opened = await openFrom(downloaderHome, 'turn', link, 'downloader')
  const connectMs = await connectTimeMs(opened)
  const [path] = await waitForPaths(opened.downloader.page, 1, 'downloader')
  reportFigure('connect', `${seconds(connectMs)} (link opened → first neighbour), path ${path}`)
  expect(path, 'how the neighbour is reached').toBe('relay')
  await opened.downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  await expectSavedIdentical(opened.downloader, file, `${workDir}/relay`)
})

test('[EN-13] symmetric NATs and no TURN: the status says it could not connect within a minute', async ({
  homes,
}) => {
  const [seederHome, downloaderHome] = [await homes.add('symmetric'), await homes.add('symmetric')]
  const { link } = await seedFrom(seederHome, 'stun', file)
  const opened = await openFrom(downloaderHome, 'stun', link, 'downloader')
  const status = opened.downloader.status()
  // EN-13's wording: the failure and its cause (no relay here).
  await expect(status).toContainText(/could not connect.*no relay configured/, {
    timeout: NO_CONNECTION_MESSAGE_TIMEOUT_MS,
  })
  reportFigure('message after', seconds(Date.now() - opened.openedAt))
  await expect(opened.downloader.peerRows()).toHaveCount(0)
  expect(await opened.downloader.progress()).toBe(0)
})

test('[NET-2] relay-only mode between homes that could connect directly: relay, and the other side never sees this home’s addresses', async ({
  homes,
}) => {
  const [seederHome, privateHome] = [
    await homes.add('port-preserving'),
    await homes.add('port-preserving'),
  ]
  // The seeder is the other side: it records every candidate it is handed.
  const context = await seederHome.newContext('turn')
  await recordRemoteCandidates(context)
  const seeder = await Seeder.open(context)
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()

  const opened = await openFrom(
    privateHome,
    'turn',
    link,
    'private downloader',
    `${FAST_SWARM_QUERY}&relay=1`,
  )
  const [path] = await waitForPaths(opened.downloader.page, 1, 'private downloader')
  expect(path, 'the private downloader’s path').toBe('relay')
  await opened.downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  await expectSavedIdentical(opened.downloader, file, `${workDir}/relay-only`)
  expect(await waitForPaths(seeder.page, 1, 'seeder'), 'the seeder’s path').toEqual(['relay'])

  const seen = await remoteCandidates(seeder.page)
  expect(seen.length, 'candidates the seeder was handed').toBeGreaterThan(0)
  expect(
    seen.filter((candidate) => !/ typ relay( |$)/.test(candidate)),
    'non-relay candidates',
  ).toEqual([])
  for (const address of [privateHome.lanAddress, privateHome.wanAddress]) {
    expect(candidatesNaming(seen, address), `candidates naming ${address}`).toEqual([])
  }
})

test('[IC-3][NET-1] a home whose router drops all outbound UDP connects through TURN over TCP', async ({
  homes,
}) => {
  const [seederHome, firewalledHome] = [
    await homes.add('port-preserving'),
    await homes.add('udp-blocked'),
  ]
  const { link } = await seedFrom(seederHome, 'turn', file)
  const opened = await openFrom(firewalledHome, 'turn', link, 'firewalled downloader')
  const connectMs = await connectTimeMs(opened)
  const [path] = await waitForPaths(opened.downloader.page, 1, 'firewalled downloader')
  reportFigure('connect', `${seconds(connectMs)} (link opened → first neighbour), path ${path}`)
  expect(path, 'how the neighbour is reached').toBe('relay')
  await opened.downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  await expectSavedIdentical(opened.downloader, file, `${workDir}/tcp`)
})
