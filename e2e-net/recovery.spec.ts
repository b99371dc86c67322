// Connections that break mid-transfer: a router that drops everything for a while (ICE restart),
// and the only seeder closing its tab and coming back.
import { Seeder } from '../e2e/actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from '../e2e/support/files.ts'
import { expect, test } from './lab/fixtures.ts'
import { connectionHistory, recordRemoteCandidates } from './support/webrtc-record.ts'
import { setBlackout } from './lab/network.ts'
import {
  LAB_FILE_BYTES,
  TRANSFER_TIMEOUT_MS,
  expectSavedIdentical,
  openFrom,
  reportFigure,
  seconds,
  seedFrom,
  throttledQuery,
} from './support/transfer.ts'

/** The seeder's cap: the 3 MiB transfer takes ~25 s, long enough to break it in the middle. */
const SEEDER_UP_BPS = 128 * 1024
/**
 * Between the two clocks that decide how an outage ends, so this case sees an ICE restart.
 * Chromium reports ICE `disconnected` 5–7 s into an outage here, and NET-3 restarts 3 s later:
 * the offerer's restart began 8–10 s in under load, so a 10 s outage raced it (CI once saw ICE
 * heal on its own, by design with no restart). A side that hears nothing for 15.2 s goes ICE
 * `failed` and closes (redialled, NET-4), which a 16 s outage hit every time. 12 s is ~2 s clear
 * of both.
 */
const BLACKOUT_MS = 12_000
/** Issue #12, point 7: a seeder that left is noticed within this long. */
const SENDER_LEFT_TIMEOUT_MS = 30_000
/**
 * Blocks already on their way when the line went dark may still complete a piece or two: two
 * 256 KiB pieces (SPEC MD-4) of the 3 MiB file. Twelve seconds of the transfer would be 50 %.
 */
const BLACKOUT_SLACK_PERCENT = 17

let workDir: string
let file: TestFile

test.beforeAll(async () => {
  workDir = await makeTempDir('net-recovery')
  file = await writeRandomFile(workDir, 'recovery payload.bin', LAB_FILE_BYTES)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

test('[NET-3] a router that drops everything for 12 s mid-transfer: the transfer resumes and finishes byte-identical', async ({
  homes,
}) => {
  const [seederHome, downloaderHome] = [
    await homes.add('port-preserving'),
    await homes.add('port-preserving'),
  ]
  const { link } = await seedFrom(seederHome, 'turn', file, throttledQuery(SEEDER_UP_BPS))
  const { downloader } = await openFrom(
    downloaderHome,
    'turn',
    link,
    'downloader',
    undefined,
    recordRemoteCandidates,
  )
  await downloader.waitForProgress(25, TRANSFER_TIMEOUT_MS)

  const before = await downloader.progress()
  expect(before, 'progress when the line goes dark').toBeLessThan(100)
  await setBlackout(downloaderHome, true)
  const darkAt = Date.now()
  let during = before
  try {
    // The outage lasts BLACKOUT_MS; meanwhile nothing may arrive (else the lab cut nothing).
    await expect
      .poll(
        async () => {
          during = await downloader.progress()
          expect(during, 'progress while dark').toBeLessThanOrEqual(before + BLACKOUT_SLACK_PERCENT)
          return Date.now() - darkAt
        },
        { intervals: [500], timeout: BLACKOUT_MS * 2 },
      )
      .toBeGreaterThanOrEqual(BLACKOUT_MS)
  } finally {
    await setBlackout(downloaderHome, false)
  }
  const lightAt = Date.now()
  await downloader.waitForProgress(during + 1, TRANSFER_TIMEOUT_MS)
  reportFigure('resumed after', `${seconds(Date.now() - lightAt)} (line back → progress again)`)
  await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  // SPEC NET-3: the same connection came back through an ICE restart (a second ICE session),
  // rather than by closing and dialling again.
  const history = await connectionHistory(downloader.page)
  reportFigure(
    'downloader',
    `${history.iceSessions} ICE sessions on ${history.connectedPeerConnections} connection(s)`,
  )
  expect(history, 'the downloader’s connections').toEqual({
    iceSessions: 2,
    connectedPeerConnections: 1,
  })
  await expectSavedIdentical(downloader, file, `${workDir}/blackout`)
})

test('[NET-4][EN-13][EN-14] the only seeder closes its tab half way: the downloader says the sender left, and finishes once it is back', async ({
  homes,
}) => {
  const [seederHome, downloaderHome] = [
    await homes.add('port-preserving'),
    await homes.add('port-preserving'),
  ]
  const seeded = await seedFrom(seederHome, 'turn', file, throttledQuery(SEEDER_UP_BPS))
  const { downloader } = await openFrom(downloaderHome, 'turn', seeded.link, 'downloader')
  await expect(downloader.peerRows()).toHaveCount(1, { timeout: TRANSFER_TIMEOUT_MS })
  await downloader.waitForProgress(45, TRANSFER_TIMEOUT_MS)

  await seeded.seeder.page.close()
  const closedAt = Date.now()
  await expect(downloader.peerRows(), 'neighbours after the seeder left').toHaveCount(0, {
    timeout: SENDER_LEFT_TIMEOUT_MS,
  })
  await expect(downloader.status()).toContainText(/sender left at \d+ %/, {
    timeout: Math.max(1, closedAt + SENDER_LEFT_TIMEOUT_MS - Date.now()),
  })
  reportFigure('noticed after', seconds(Date.now() - closedAt))
  expect(await downloader.progress(), 'progress when the seeder left').toBeLessThan(100)

  // The same person drops the same file again in a new tab of the same browser.
  const again = await Seeder.open(seeded.context)
  await again.dropFile(file.path)
  expect(await again.shareLink(), 'the same file gives the same link').toBe(seeded.link)
  await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  await expectSavedIdentical(downloader, file, `${workDir}/seeder-back`)
})
