/**
 * Issue #13's man-in-the-middle test (SPEC PL-4, PL-6): a tracker whose signal relay answers every
 * offer itself with Node WebRTC and pipes the data channels between the two browsers it split.
 * Both browsers refuse the connection at the proof and warn; the relay carries nothing but the
 * handshakes and proofs. A relay that withholds one proof keeps one side from warning and still
 * gets nothing. The same two browsers then share the same file through an honest tracker.
 */
import { fileURLToPath } from 'node:url'

import { type Page, expect, test } from '@playwright/test'

import { Downloader, sha256File } from './actors/downloader.ts'
import { Seeder } from './actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { MitmRelay } from './support/mitm-relay.ts'
import { peerContexts } from './support/peer-contexts.ts'
import { type TrackerServer, createTrackerServer } from '../apps/tracker/src/create-server.ts'

const FILE_NAME = 'quarterly-merger-plan (mitm).bin'
/** Several pieces, so a piece would have crossed the relay by now had the proof let it. */
const FILE_SIZE_BYTES = 1024 * 1024
const TRANSFER_TIMEOUT_MS = 120_000
const REFUSAL_TIMEOUT_MS = 60_000
const REPO = fileURLToPath(new URL('..', import.meta.url))
/** Wire frame ids (SPEC WR-1, WR-2): the only two frames allowed before both proofs passed. */
const HANDSHAKE_ID = 20
const PROOF_ID = 24
/** A block is 16 KiB (STYLE §5): a piece frame would carry the file from one of these offsets. */
const BLOCK_SIZE_BYTES = 16_384
const PROBE_BYTES = 32

let workDir: string
let file: TestFile
let relay: MitmRelay
let hostile: TrackerServer
const newHostileContext = peerContexts(() => ({ baseURL: hostile.url }))
const newHonestContext = peerContexts()

test.beforeAll(async () => {
  workDir = await makeTempDir('mitm')
  file = await writeRandomFile(workDir, FILE_NAME, FILE_SIZE_BYTES)
  relay = new MitmRelay()
  hostile = await createTrackerServer({
    host: '127.0.0.1',
    staticDir: `${REPO}apps/web/dist`,
    // Through a closure: a test may put a fresh relay in the middle.
    interceptSignal: (signal, deliver) => relay.intercept(signal, deliver),
  })
})

test.afterAll(async () => {
  // Peers first (@roamhq/wrtc can crash at exit with connections open), then the tracker.
  relay.destroy()
  await hostile.close()
  await removeDir(workDir)
})

/** Expects the page's interception warning and the swarm panel's failed-link-check count. */
async function expectRefusal(page: Page, who: string): Promise<void> {
  await expect(page.getByTestId('interception-warning'), `${who} warning`).toContainText(
    'Someone may be intercepting your connection',
    { timeout: REFUSAL_TIMEOUT_MS },
  )
  await expect(page.getByTestId('proof-figures'), `${who} failed link checks`).toHaveAttribute(
    'data-proof-failures',
    /^[1-9]\d*$/,
  )
}

/** Every 32-byte probe of the file a piece frame would have started a block with. */
async function blockProbes(): Promise<Buffer[]> {
  const { readFile } = await import('node:fs/promises')
  const bytes = await readFile(file.path)
  const probes: Buffer[] = []
  for (let offset = 0; offset < bytes.length; offset += BLOCK_SIZE_BYTES) {
    probes.push(bytes.subarray(offset, offset + PROBE_BYTES))
  }
  return probes
}

test('[PL-4][PL-6] a relay that splits the connection is refused by both browsers and gets no byte of the share', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const seeder = await Seeder.open(await newHostileContext(browser))
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()
  const downloader = await Downloader.open(await newHostileContext(browser), link, 'downloader')

  await test.step('the relay answers the offer and carries both handshakes', async () => {
    await expect
      .poll(() => relay.offersAnswered, { timeout: REFUSAL_TIMEOUT_MS })
      .toBeGreaterThan(0)
    await expect
      .poll(() => new Set(relay.recorded.map((message) => message.from)).size, {
        timeout: REFUSAL_TIMEOUT_MS,
        message: 'both browsers sent through the relay',
      })
      .toBe(2)
  })

  await test.step('both browsers refuse the connection and warn', async () => {
    await expectRefusal(seeder.page, 'seeder')
    await expectRefusal(downloader.page, 'downloader')
    // Each browser closed its end: both of the relay's legs are down.
    await expect
      .poll(() => relay.legsOpen, { timeout: REFUSAL_TIMEOUT_MS, message: 'relay legs open' })
      .toBe(0)
    expect(await downloader.progress()).toBe(0)
    expect(await downloader.downloadedBytes()).toBe(0)
    await expect(downloader.status()).not.toContainText('complete')
  })

  await test.step('the relay saw only handshakes and proofs: no name, metadata or piece', async () => {
    expect(relay.errors).toEqual([])
    const ids = new Set(relay.recorded.map((message) => message.bytes[4]))
    expect([...ids].sort()).toEqual([HANDSHAKE_ID, PROOF_ID])
    // Both proofs crossed the relay, and still it got nothing more: it cannot make them verify.
    const provers = relay.recorded.filter((message) => message.bytes[4] === PROOF_ID)
    expect(new Set(provers.map((message) => message.from)).size).toBe(2)
    const everything = Buffer.concat(relay.recorded.map((message) => message.bytes))
    expect(everything.includes(Buffer.from(FILE_NAME, 'utf8'))).toBe(false)
    expect(everything.includes(Buffer.from('quarterly-merger-plan', 'utf8'))).toBe(false)
    for (const probe of await blockProbes()) {
      expect(everything.includes(probe)).toBe(false)
    }
  })

  await seeder.page.close()
  await downloader.page.close()
  relay.destroy()
})

test('[PL-6][EN-11] a relay that withholds one proof keeps that side from warning, gets nothing, and the channel is dropped as idle', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  relay = new MitmRelay()
  relay.withhold = (message) => message.bytes[4] === PROOF_ID && message.towards === 'answerer'
  const seeder = await Seeder.open(await newHostileContext(browser))
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()
  const downloader = await Downloader.open(await newHostileContext(browser), link, 'downloader')
  const pages = [seeder.page, downloader.page]
  const warned = async (): Promise<number> => {
    const counts = await Promise.all(
      pages.map(async (page) => page.getByTestId('interception-warning').count()),
    )
    return counts.filter((count) => count > 0).length
  }

  // The offerer got the answerer's proof and refused it; the answerer never got one to check.
  await expect.poll(warned, { timeout: REFUSAL_TIMEOUT_MS, message: 'pages warning' }).toBe(1)
  // The answerer hears nothing more and drops the channel as idle (EN-11). Neither side sent a
  // keep-alive while its proof exchange was open (PL-6): the relay saw only the frames below.
  // It is not shunned, so it may dial again through the relay: count closes, not open legs.
  await expect
    .poll(() => relay.closedBy.answerer, {
      timeout: REFUSAL_TIMEOUT_MS,
      message: 'channels the answerer closed',
    })
    .toBeGreaterThan(0)
  expect(await warned()).toBe(1)
  expect(await downloader.progress()).toBe(0)
  expect(await downloader.downloadedBytes()).toBe(0)
  expect(relay.errors).toEqual([])
  const ids = new Set(relay.recorded.map((message) => message.bytes[4]))
  expect([...ids].sort()).toEqual([HANDSHAKE_ID, PROOF_ID])
  const everything = Buffer.concat(relay.recorded.map((message) => message.bytes))
  expect(everything.includes(Buffer.from('quarterly-merger-plan', 'utf8'))).toBe(false)

  await seeder.page.close()
  await downloader.page.close()
  relay.destroy()
})

test('[PL-6] the same two browsers share the same file through an honest tracker', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newHonestContext(browser))
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()
  const downloader = await Downloader.open(await newHonestContext(browser), link, 'downloader')
  await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  const saved = await downloader.save(`${workDir}/saved`)
  expect(saved.suggestedFilename).toBe(file.name)
  expect(await sha256File(saved.path)).toBe(file.sha256)
  await expect(seeder.page.getByTestId('interception-warning')).toHaveCount(0)
  await expect(downloader.page.getByTestId('interception-warning')).toHaveCount(0)
})
