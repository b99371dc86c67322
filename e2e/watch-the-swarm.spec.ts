import { mkdir } from 'node:fs/promises'

import { expect, test } from '@playwright/test'

import { Downloader } from './actors/downloader.ts'
import { Seeder } from './actors/seeder.ts'
import { SwarmView } from './actors/swarm-view.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { peerContexts } from './support/peer-contexts.ts'

const FILE_SIZE_BYTES = 16 * 1024 * 1024
/** 256 KiB pieces (SPEC MD-4 for 16 MiB). */
const PIECES = FILE_SIZE_BYTES / (256 * 1024)
/**
 * Fast rounds (a rotation every third round) and every tab capped at 512 KiB/s upload, so the
 * transfer lasts long enough (about 30 s) to watch rates and rounds while it runs.
 */
const QUERY = '?rechoke=1000&optimistic=3000&stats=250&up=524288'
const DOWNLOADERS = 3
const TIMEOUT_MS = 150_000
const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }
/**
 * Screenshots for the README are written only when asked (`UPDATE_SCREENSHOTS=1`), so a CI run
 * never rewrites committed images.
 */
const SCREENSHOT_DIR = process.env['UPDATE_SCREENSHOTS'] === '1' ? 'docs/screenshots' : null

let workDir: string
let file: TestFile
const newPeerContext = peerContexts(() => ({ viewport: DESKTOP }))

test.beforeAll(async () => {
  workDir = await makeTempDir('watch')
  file = await writeRandomFile(workDir, 'watch the swarm.bin', FILE_SIZE_BYTES)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

test('[CK-1][CK-4][PP-3] a 4-tab swarm shows live piece map, neighbours, choker log and charts', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newPeerContext(browser), QUERY)
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()

  const downloaders: Downloader[] = []
  for (let index = 0; index < DOWNLOADERS; index += 1) {
    await downloaders.at(-1)?.waitForProgress(5, TIMEOUT_MS)
    const context = await newPeerContext(browser)
    downloaders.push(await Downloader.open(context, link, `downloader ${index + 1}`, QUERY))
  }
  const watched = downloaders.at(-1)
  if (watched === undefined) {
    throw new Error('no downloader')
  }
  const view = new SwarmView(watched.page)

  await test.step('the piece map fills in while the download runs, counts adding up', async () => {
    await expect(view.pieceMap()).toHaveAttribute('data-piece-count', String(PIECES), {
      timeout: TIMEOUT_MS,
    })
    await expect
      .poll(async () => (await view.pieceCounts()).held, { timeout: TIMEOUT_MS })
      .toBeGreaterThan(0)
    const counts = await view.pieceCounts()
    expect(counts.held + counts.inFlight + counts.missing).toBe(PIECES)
    expect(counts.held, 'still downloading').toBeLessThan(PIECES)
    await expect(view.pieceMap().getByRole('img', { name: 'Piece map' })).toBeVisible()
    await expect(view.pieceMap()).toContainText(new RegExp(`\\d+ of ${PIECES} pieces held`))
  })

  if (SCREENSHOT_DIR !== null) {
    await test.step('screenshots mid-transfer: desktop, phone and dark', async () => {
      await watched.waitForProgress(30, TIMEOUT_MS)
      await mkdir(SCREENSHOT_DIR, { recursive: true })
      await watched.page.screenshot({ path: `${SCREENSHOT_DIR}/desktop.png`, fullPage: true })
      await watched.page.setViewportSize(PHONE)
      await watched.page.screenshot({ path: `${SCREENSHOT_DIR}/phone.png`, fullPage: true })
      await watched.page.setViewportSize(DESKTOP)
      // The page follows the system's colour scheme (styles.css prefers-color-scheme).
      await watched.page.emulateMedia({ colorScheme: 'dark' })
      await watched.page.screenshot({ path: `${SCREENSHOT_DIR}/dark.png`, fullPage: true })
      await watched.page.emulateMedia({ colorScheme: 'light' })
    })
  }

  await test.step('the neighbour table lists the other three with live rates and holdings', async () => {
    await expect
      .poll(
        async () =>
          (await watched.progress()) < 100 ? (await view.neighbourDownBps()) > 0 : 'complete',
        { timeout: TIMEOUT_MS, message: 'a neighbour sending to us while we download' },
      )
      .toBe(true)
    await expect(watched.peerRows()).toHaveCount(DOWNLOADERS, { timeout: TIMEOUT_MS })
    const held = await watched
      .peerRows()
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-pieces-held'))))
    expect(Math.max(...held), 'the seeder holds every piece').toBe(PIECES)
  })

  await test.step('the download chart has samples and a peak above zero', async () => {
    await expect
      .poll(async () => view.number(view.chart('down'), 'data-samples'))
      .toBeGreaterThan(3)
    expect(await view.number(view.chart('down'), 'data-peak-bps')).toBeGreaterThan(0)
    await expect(view.chart('down').locator('.uplot canvas')).toHaveCount(1)
    await expect(view.chart('up').locator('.uplot canvas')).toHaveCount(1)
  })

  await test.step('the choker log shows unchoke rounds and an optimistic rotation', async () => {
    for (const tab of [view, new SwarmView(seeder.page)]) {
      await expect
        .poll(async () => tab.chokeEvents('round').count(), { timeout: TIMEOUT_MS })
        .toBeGreaterThan(1)
      await expect
        .poll(async () => tab.chokeEvents('optimistic').count(), { timeout: TIMEOUT_MS })
        .toBeGreaterThan(0)
      await expect(tab.chokerLog()).toHaveAttribute('data-rounds', /^[1-9]\d*$/)
    }
    const unchoked = await new SwarmView(seeder.page)
      .chokeEvents('round')
      .evaluateAll((events) => events.map((e) => e.getAttribute('data-unchoked') ?? ''))
    expect(
      unchoked.some((ids) => ids !== ''),
      'the seeder unchoked someone',
    ).toBe(true)
  })

  await test.step('swarm at a glance: tracker counts, share ratio, and the bound next to elapsed', async () => {
    await watched.waitForComplete(TIMEOUT_MS)
    await expect(view.glance()).toHaveAttribute('data-seeders', /^[1-4]$/)
    await expect(view.glance()).toHaveAttribute('data-bound-ms', /^[1-9]\d*$/)
    const bound = await view.number(view.glance(), 'data-bound-ms')
    const elapsed = await view.number(view.glance(), 'data-elapsed-ms')
    // Both shown; no order between them: the bound is for getting the file to every downloader,
    // while a tab that joined late measures only its own download (README, "Watching the swarm").
    expect(elapsed).toBeGreaterThan(0)
    expect(bound).toBeGreaterThan(0)
    await expect(view.glance()).toContainText(/Fastest possible\s*\d/)
  })

  await test.step('at phone size nothing overflows sideways and the sort headers work by keyboard', async () => {
    await watched.page.setViewportSize(PHONE)
    const overflow = await watched.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    const sortByRate = watched.page.getByRole('button', { name: /From them/ })
    await sortByRate.focus()
    await watched.page.keyboard.press('Enter')
    await expect(watched.page.locator('th', { has: sortByRate })).toHaveAttribute(
      'aria-sort',
      'descending',
    )
  })
})
