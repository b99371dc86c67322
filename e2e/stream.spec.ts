import { execFile } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { type Browser, type BrowserContext, type Locator, expect, test } from '@playwright/test'

import { Downloader, sha256File } from './actors/downloader.ts'
import { FAST_SWARM_QUERY } from './actors/query.ts'
import { Seeder } from './actors/seeder.ts'
import { makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { peerContexts } from './support/peer-contexts.ts'

const run = promisify(execFile)

/**
 * 90 s of 320×240 VP8 + Opus at about 1 Mbit/s: about 11 MB. With the seeder at 2× the bitrate
 * the download takes 45 s and reaches 50 % after about 22 s, so "2 s played below 50 %" measures
 * the player's start (first verified bytes, deadlines), not the machine's load in the first seconds.
 */
const VIDEO_SECONDS = 90
/**
 * The seeder's cap as a multiple of the video's measured bitrate: the download takes half the playing time, so playback that starts at once
 * passes 2 s long before 50 % (SPEC ST-5), as the 2× cap.
 */
const SEEDER_CAP_TIMES_BITRATE = 2
const TRANSFER_TIMEOUT_MS = 180_000

let workDir: string
let videoPath: string
let seederUpBps: number
const newPeerContext = peerContexts()

test.beforeAll(async () => {
  workDir = await makeTempDir('stream')
  videoPath = join(workDir, 'test clip.webm')
  // Realtime VP8 keeps encoding short on a loaded 2-core machine; the noise keeps it near 1 Mbit/s
  // (plain testsrc compresses to a quarter of that), so the file has ~20 pieces to stream.
  await run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x240:rate=25,noise=alls=30:allf=t',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440',
    '-t',
    String(VIDEO_SECONDS),
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '1M',
    '-minrate',
    '1M',
    '-maxrate',
    '1M',
    '-c:a',
    'libopus',
    videoPath,
  ])
  const { size } = await stat(videoPath)
  seederUpBps = Math.round((SEEDER_CAP_TIMES_BITRATE * size) / VIDEO_SECONDS)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

/**
 * A returning visitor's context: the app (and its service worker, which serves /stream/) is
 * already installed, so the figures are about streaming, not about installing the worker under load.
 */
async function returningVisitor(browser: Browser): Promise<BrowserContext> {
  const context = await newPeerContext(browser)
  const home = await context.newPage()
  await home.goto('/')
  await home.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  })
  await home.close()
  return context
}

/** Starts the player muted (autoplay with sound needs a gesture) and returns its current time. */
async function play(player: Locator): Promise<void> {
  await player.evaluate((element: HTMLMediaElement) => {
    element.muted = true
    void element.play().catch(() => undefined)
  })
}

const currentTime = async (player: Locator): Promise<number> => {
  const state = await player.evaluate((element: HTMLMediaElement) => ({
    t: element.currentTime,
    ready: element.readyState,
    net: element.networkState,
    error: element.error?.message ?? null,
    paused: element.paused,
    controlled: navigator.serviceWorker.controller !== null,
    progress: document.querySelector('[data-testid="progress"]')?.getAttribute('aria-valuenow'),
  }))
  if (process.env['STREAM_DEBUG'] === '1') {
    console.log(JSON.stringify(state))
  }
  return state.t
}

test('[ST-1][ST-3][ST-5][ST-9] a video plays while it downloads, seeks to 80 %, and arrives byte for byte', async ({
  browser,
}) => {
  test.setTimeout(360_000)
  const seeder = await Seeder.open(
    await newPeerContext(browser),
    `${FAST_SWARM_QUERY}&up=${seederUpBps}`,
  )
  await seeder.dropFile(videoPath)
  const link = await seeder.shareLink()
  const viewerContext = await returningVisitor(browser)
  const viewer = await Downloader.open(viewerContext, link, 'viewer')
  const player = viewer.page.getByTestId('player')
  await expect(player).toBeVisible({ timeout: 60_000 })
  await play(player)

  await test.step('playback passes 2 s while the download is below 50 %', async () => {
    // One sample holds both, so progress is read at the instant playback passed 2 s.
    let progressAt2s = 100
    await expect
      .poll(
        async () => {
          const t = await currentTime(player)
          progressAt2s = await viewer.progress()
          return t
        },
        { timeout: 60_000, intervals: [100] },
      )
      .toBeGreaterThan(2)
    expect(progressAt2s).toBeLessThan(50)
  })

  await test.step('a seek to 80 % plays within a few seconds', async () => {
    const target = VIDEO_SECONDS * 0.8
    await player.evaluate((element: HTMLMediaElement, to: number) => {
      element.currentTime = to
    }, target)
    await expect.poll(() => currentTime(player), { timeout: 15_000 }).toBeGreaterThan(target + 0.5)
  })

  await test.step('a seek past the end stops at the end, with no error', async () => {
    await player.evaluate((element: HTMLMediaElement) => {
      element.currentTime = element.duration + 10
    })
    await expect(viewer.page.getByTestId('player-error')).toHaveCount(0)
  })

  await viewer.waitForComplete(TRANSFER_TIMEOUT_MS)
  const saved = await viewer.save(workDir)
  expect(await sha256File(saved.path)).toBe(await sha256File(videoPath))
})

test('[ST-9] a file named as video that is not one is reported, and the download goes on', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const fake = await writeRandomFile(workDir, 'not really.webm', 2 * 1024 * 1024)
  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.dropFile(fake.path)
  const link = await seeder.shareLink()
  const viewer = await Downloader.open(await newPeerContext(browser), link, 'viewer')
  const player = viewer.page.getByTestId('player')
  await expect(player).toBeVisible({ timeout: 60_000 })
  await play(player)
  await expect(viewer.page.getByTestId('player-error')).toBeVisible({ timeout: 60_000 })
  await expect(viewer.page.getByTestId('player-error')).toContainText(/cannot be played/)
  await viewer.waitForComplete(TRANSFER_TIMEOUT_MS)
  const saved = await viewer.save(workDir)
  expect(await sha256File(saved.path)).toBe(fake.sha256)
})

test('[ST-9] a text file is previewed once its first bytes are verified, before the download completes', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  // 6 MiB at 200 kB/s: about 30 s, many pieces, so the preview's piece is rarely the last one.
  const text = await writeRandomFile(workDir, 'notes.txt', 6 * 1024 * 1024)
  const seeder = await Seeder.open(await newPeerContext(browser), `${FAST_SWARM_QUERY}&up=200000`)
  await seeder.dropFile(text.path)
  const link = await seeder.shareLink()
  const viewer = await Downloader.open(await returningVisitor(browser), link, 'viewer')
  let progressAtPreview = 100
  await expect
    .poll(
      async () => {
        const shown = await viewer.page.getByTestId('preview').count()
        progressAtPreview = await viewer.progress()
        return shown
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(1)
  expect(progressAtPreview).toBeLessThan(100)
  await viewer.waitForComplete(TRANSFER_TIMEOUT_MS)
  const saved = await viewer.save(workDir)
  expect(await sha256File(saved.path)).toBe(text.sha256)
})

// Unfinished: the first run played past 1 s, then found no `library-remove` on the seeder's page
// (its share view does not list the library), so the step that removes it needs the seeder's
// library reached without leaving the page. Fixme until that is settled.
test.fixme('[ST-3][ST-9] the seeder removes the video from its library mid-play: the viewer says why it waits, nothing breaks', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const seeder = await Seeder.open(
    await newPeerContext(browser),
    `${FAST_SWARM_QUERY}&up=${seederUpBps}`,
  )
  await seeder.dropFile(videoPath)
  const link = await seeder.shareLink()
  const viewer = await Downloader.open(await returningVisitor(browser), link, 'viewer')
  const uncaught: string[] = []
  viewer.page.on('pageerror', (error) => uncaught.push(error.message))
  const player = viewer.page.getByTestId('player')
  await expect(player).toBeVisible({ timeout: 60_000 })
  await play(player)
  await expect
    .poll(() => currentTime(player), { timeout: 60_000, intervals: [100] })
    .toBeGreaterThan(1)

  await test.step('the seeder removes it; once the undo time is up it leaves the swarm', async () => {
    await seeder.page.getByTestId('library-remove').first().click()
    await expect(seeder.page.getByTestId('undo-bar')).toHaveCount(0, { timeout: 60_000 })
  })

  await test.step('the viewer plays what it holds, then says nobody online has the rest', async () => {
    await expect(viewer.page.getByTestId('player-status')).toContainText(/nobody online/, {
      timeout: 150_000,
    })
    expect(await viewer.progress()).toBeLessThan(100)
    // Waiting for a sender is not a broken file: no error, and the page still answers.
    await expect(viewer.page.getByTestId('player-error')).toHaveCount(0)
    await expect(viewer.page.getByTestId('status')).toBeVisible()
    expect(uncaught).toEqual([])
  })
})
