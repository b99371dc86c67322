// Play while it downloads (issue #16, SPEC ST-5…ST-8): a 1 + 3 real-browser swarm, the seeder
// capped at 2× the video's bitrate. One downloader (the viewer) plays the video from the moment
// the link opens; the three others download without playing. Per policy (`?stream=` on
// the viewer only): time from opening the link to the first frame, stalls after start, and the
// other downloaders' finish times.
// Run: npm run bench:stream  (env: CHROMIUM_PATH, BENCH_VIDEO_S, BENCH_POLICIES)

import { execFile } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

import type { Browser, BrowserContext, Page } from '@playwright/test'

import { loadNote, withBenchRig } from '../support/app.ts'
import { installDownloadProbe } from '../support/download-probe.ts'
import { installTimeline, readTimeline } from './timeline.ts'

const run = promisify(execFile)
const VIDEO_SECONDS = Number(process.env['BENCH_VIDEO_S'] ?? 60)
const POLICIES = (process.env['BENCH_POLICIES'] ?? 'deadline,sequential,rarest-first').split(',')
const OTHERS = 3
const SWARM_QUERY = 'rechoke=2000&optimistic=4000&stats=250'
const TIMEOUT_MS = 600_000
/** `BENCH_TIMELINE=1`: print what the viewer's page did before its first frame. */
const TIMELINE = process.env['BENCH_TIMELINE'] === '1'

async function makeVideo(dir: string): Promise<{ path: string; bytesPerSecond: number }> {
  const path = join(dir, 'bench clip.webm')
  // testsrc2 with noise keeps VP8 near the asked bitrate (plain testsrc compresses far below it).
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi'],
    ...['-i', 'testsrc2=size=320x240:rate=25,noise=alls=30:allf=t', '-f', 'lavfi'],
    ...['-i', 'sine=frequency=440', '-t', String(VIDEO_SECONDS), '-c:v', 'libvpx'],
    ...['-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1M', '-c:a', 'libopus', path],
  ])
  const { size } = await stat(path)
  return { path, bytesPerSecond: size / VIDEO_SECONDS }
}

const progressOf = async (page: Page): Promise<number> =>
  Number((await page.getByTestId('progress').getAttribute('aria-valuenow')) ?? 0)

async function waitComplete(page: Page): Promise<number> {
  const started = Date.now()
  while ((await progressOf(page)) < 100) {
    if (Date.now() - started > TIMEOUT_MS) {
      throw new Error('download did not finish')
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return Date.now()
}

interface Figures {
  readonly firstFrameMs: number
  /** Where the wait for the first frame went: the viewer's probe, ms after opening the link. */
  readonly setup: string
  readonly stalls: number
  readonly othersMs: readonly number[]
}

async function measure(
  browser: Browser,
  origin: string,
  video: { path: string; bytesPerSecond: number },
  policy: string,
): Promise<Figures> {
  const contexts: BrowserContext[] = []
  const context = async (): Promise<BrowserContext> => {
    const created = await browser.newContext()
    contexts.push(created)
    return created
  }
  try {
    const seeder = await (await context()).newPage()
    await seeder.goto(`${origin}/?${SWARM_QUERY}&up=${Math.round(2 * video.bytesPerSecond)}`)
    await seeder.getByTestId('file-input').setInputFiles(video.path)
    const shareLink = seeder.getByTestId('share-link')
    await shareLink.waitFor({ timeout: 120_000 })
    const link = new URL((await shareLink.textContent()) ?? '')
    const others: { page: Page; openedAt: number }[] = []
    for (let i = 0; i < OTHERS; i++) {
      const page = await (await context()).newPage()
      link.search = `?${SWARM_QUERY}`
      const openedAt = Date.now()
      await page.goto(link.toString())
      others.push({ page, openedAt })
    }
    // A returning visitor, as in e2e/stream.spec.ts: the service worker that serves /stream/ is
    // installed before the link opens, so first frame measures streaming, not the install.
    const viewerContext = await context()
    await installDownloadProbe(viewerContext)
    if (TIMELINE) {
      await installTimeline(viewerContext)
    }
    const home = await viewerContext.newPage()
    await home.goto(`${origin}/`)
    await home.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 120_000,
    })
    await home.close()
    const viewer = await viewerContext.newPage()
    link.search = `?${SWARM_QUERY}&stream=${policy}`
    const openedAt = Date.now()
    await viewer.goto(link.toString())
    const player = viewer.getByTestId('player')
    await player.waitFor({ timeout: 120_000 })
    // First frame: the first `playing`; a stall: every `waiting` after it.
    const firstFrameAt = await player.evaluate(
      (element: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          const tally = { stalls: 0, started: false }
          ;(window as unknown as { __tally: typeof tally }).__tally = tally
          element.addEventListener('waiting', () => {
            if (tally.started) {
              tally.stalls++
            }
          })
          element.addEventListener(
            'playing',
            () => {
              tally.started = true
              resolve(Date.now())
            },
            { once: true },
          )
          element.muted = true
          void element.play().catch(() => undefined)
        }),
    )
    const probe = await viewer.evaluate(() => window.__downloadProbe)
    const after = (at: number | null | undefined): string =>
      typeof at === 'number' ? ((at - openedAt) / 1000).toFixed(2) : '-'
    const setup = [
      `tracker ${after(probe?.trackerAt)}`,
      `neighbour ${after(probe?.firstPeerAt)}`,
      `metadata ${after(probe?.metadataAt)}`,
      `first block ${after(probe?.firstByteAt)}`,
      `first piece ${after(probe?.firstPieceAt)}`,
    ].join(', ')
    if (TIMELINE) {
      console.log(`${policy} viewer:\n  ${(await readTimeline(viewer)).join('\n  ')}`)
    }
    const othersDone = await Promise.all(
      others.map(async (o) => (await waitComplete(o.page)) - o.openedAt),
    )
    await waitComplete(viewer)
    const stalls = await viewer.evaluate(
      () => (window as unknown as { __tally: { stalls: number } }).__tally.stalls,
    )
    return { firstFrameMs: firstFrameAt - openedAt, setup, stalls, othersMs: othersDone }
  } finally {
    await Promise.all(contexts.map((c) => c.close()))
  }
}

await withBenchRig('bench-stream', async ({ dir, app, browser }) => {
  const video = await makeVideo(dir)
  console.log(
    `${VIDEO_SECONDS} s WebM, ${Math.round((video.bytesPerSecond * 8) / 1000)} kbit/s; seeder capped at 2×; 1 viewer + ${OTHERS} downloaders; load average ${loadNote()}`,
  )
  console.log(
    '| Policy (viewer) | First frame s | Stalls after start | Others finish s (mean, max) |',
  )
  console.log('| --- | --- | --- | --- |')
  const setups: string[] = []
  for (const policy of POLICIES) {
    const f = await measure(browser, app.url, video, policy)
    const mean = f.othersMs.reduce((a, b) => a + b, 0) / f.othersMs.length / 1000
    console.log(
      `| ${policy} | ${(f.firstFrameMs / 1000).toFixed(2)} | ${f.stalls} | ${mean.toFixed(1)}, ${(Math.max(...f.othersMs) / 1000).toFixed(1)} |`,
    )
    setups.push(`${policy}: ${f.setup}`)
  }
  console.log(`\nThe viewer, s after opening the link:\n${setups.join('\n')}`)
  console.log(`load average at the end ${loadNote()}`)
})
