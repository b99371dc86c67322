// Main-thread time the UI costs a downloading tab, before and after batching (issue 5).
// Serves a fresh build with the tracker (bench/support), seeds a file from one Chromium tab
// (upload capped so every mode downloads at the same pace) and downloads it in another, reading
// Chromium's own task-time counters (CDP Performance.getMetrics) and long tasks
// (PerformanceObserver) on the downloading tab.
// Run: npm run bench:ui  (env: CHROMIUM_PATH, BENCH_STATIC_DIR, BENCH_MIB, BENCH_CAP_KIB, BENCH_RUNS)

import type { Browser, Page } from '@playwright/test'

import { writeRandomFile } from '../../e2e/support/files.ts'
import { withBenchRig } from '../support/app.ts'

const FILE_MIB = Number(process.env['BENCH_MIB'] ?? 24)
const CAP_BPS = Number(process.env['BENCH_CAP_KIB'] ?? 2048) * 1024
const RUNS = Number(process.env['BENCH_RUNS'] ?? 1)
/** The window measured: from this progress to the next, so joining and saving are left out. */
const FROM_PERCENT = 10
const TO_PERCENT = 90

interface Mode {
  readonly name: string
  readonly query: string
}

const MODES: readonly Mode[] = [
  { name: 'unbatched, stats every 50 ms', query: 'stats=50&batch=0' },
  { name: 'batched, stats every 50 ms', query: 'stats=50' },
  { name: 'batched, stats every 500 ms (default)', query: '' },
]

interface Sample {
  readonly wallMs: number
  readonly taskMs: number
  readonly scriptMs: number
  readonly layoutAndStyleMs: number
  readonly longTasks: number
  readonly longTaskMs: number
}

async function progress(page: Page): Promise<number> {
  const value = await page.getByTestId('progress').getAttribute('aria-valuenow')
  return value === null ? 0 : Number(value)
}

async function waitForProgress(page: Page, percent: number): Promise<void> {
  const deadline = Date.now() + 300_000
  while ((await progress(page)) < percent) {
    if (Date.now() > deadline) {
      throw new Error(`no ${percent}% after 5 minutes`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Reads Chromium's cumulative main-thread counters and the page's long-task tally. */
async function readCounters(page: Page, cdp: Awaited<ReturnType<typeof openCdp>>) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0
  const longTasks = await page.evaluate(
    () => (window as unknown as { __longTasks: number[] }).__longTasks,
  )
  return {
    at: performance.now(),
    taskMs: metric('TaskDuration') * 1000,
    scriptMs: metric('ScriptDuration') * 1000,
    layoutAndStyleMs: (metric('LayoutDuration') + metric('RecalcStyleDuration')) * 1000,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((sum, ms) => sum + ms, 0),
  }
}

async function openCdp(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  return cdp
}

async function measure(
  browser: Browser,
  origin: string,
  filePath: string,
  mode: Mode,
): Promise<Sample> {
  const seederContext = await browser.newContext()
  const downloaderContext = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const seeder = await seederContext.newPage()
    const sep = mode.query === '' ? '' : '&'
    await seeder.goto(`${origin}/?${mode.query}${sep}up=${CAP_BPS}`)
    await seeder.getByTestId('file-input').setInputFiles(filePath)
    const shareLink = seeder.getByTestId('share-link')
    await shareLink.waitFor({ timeout: 120_000 })
    const link = new URL((await shareLink.textContent()) ?? '')
    link.search = mode.query === '' ? '' : `?${mode.query}`

    const downloader = await downloaderContext.newPage()
    await downloader.addInitScript(() => {
      const tally: number[] = []
      ;(window as unknown as { __longTasks: number[] }).__longTasks = tally
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          tally.push(entry.duration)
        }
      }).observe({ type: 'longtask', buffered: true })
    })
    await downloader.goto(link.toString())
    const cdp = await openCdp(downloader)
    await waitForProgress(downloader, FROM_PERCENT)
    const start = await readCounters(downloader, cdp)
    await waitForProgress(downloader, TO_PERCENT)
    const end = await readCounters(downloader, cdp)
    return {
      wallMs: end.at - start.at,
      taskMs: end.taskMs - start.taskMs,
      scriptMs: end.scriptMs - start.scriptMs,
      layoutAndStyleMs: end.layoutAndStyleMs - start.layoutAndStyleMs,
      longTasks: end.longTasks - start.longTasks,
      longTaskMs: end.longTaskMs - start.longTaskMs,
    }
  } finally {
    await seederContext.close()
    await downloaderContext.close()
  }
}

const perSecond = (ms: number, wallMs: number): string => ((ms / wallMs) * 1000).toFixed(1)

async function main(): Promise<void> {
  await withBenchRig('bench-ui', async ({ dir, app, browser }) => {
    const file = await writeRandomFile(dir, 'bench-ui.bin', FILE_MIB * 1024 * 1024)
    console.log(
      `${FILE_MIB} MiB, seeder capped at ${CAP_BPS / 1024} KiB/s, downloading tab measured from ${FROM_PERCENT}% to ${TO_PERCENT}%; ms of main-thread time per second`,
    )
    console.log(
      '| Mode | Run | MiB/s | Main thread (all tasks) | Script | Style + layout | Long tasks |',
    )
    console.log('| --- | --- | --- | --- | --- | --- | --- |')
    for (let run = 1; run <= RUNS; run += 1) {
      for (const mode of MODES) {
        const s = await measure(browser, app.url, file.path, mode)
        const mibps = ((FILE_MIB * (TO_PERCENT - FROM_PERCENT)) / 100 / s.wallMs) * 1000
        console.log(
          `| ${mode.name} | ${run} | ${mibps.toFixed(2)} | ${perSecond(s.taskMs, s.wallMs)} | ${perSecond(s.scriptMs, s.wallMs)} | ${perSecond(s.layoutAndStyleMs, s.wallMs)} | ${s.longTasks} (${Math.round(s.longTaskMs)} ms) |`,
        )
      }
    }
  })
}

await main()
