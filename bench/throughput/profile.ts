// Where a two-tab Swarmdrop download spends its time: one uncapped download with a CPU profile
// (CDP Profiler) of the seeder and the downloader tab, on an unminified build. Prints the top
// functions by self time and writes the .cpuprofile files (open them in Chrome DevTools).
// Run: node --import tsx bench/throughput/profile.ts  (env: THROUGHPUT_MIB, PROFILE_DIR)
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { CDPSession, Page } from '@playwright/test'

import { withQuery } from '../../e2e/actors/query.ts'
import { Seeder } from '../../e2e/actors/seeder.ts'
import { writeRandomFile } from '../../e2e/support/files.ts'
import { withBenchRig } from '../support/app.ts'
import { installDownloadProbe, waitForDownload } from '../support/download-probe.ts'
import { summariseTrace } from './trace-summary.ts'

const FILE_BYTES = Number(process.env['THROUGHPUT_MIB'] ?? 64) * 1024 * 1024
const QUERY = process.env['THROUGHPUT_QUERY'] ?? ''
const PROFILE_DIR = process.env['PROFILE_DIR'] ?? '.'
const TOP = 25
/** Finer than the 1 ms default: blocks arrive every few ms. */
const SAMPLING_INTERVAL_US = 200
/** A trace of a few seconds mid-transfer is plenty and stays a manageable size. */
const TRACE_MS = 4000
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'toplevel',
  'v8',
  'blink',
  'disabled-by-default-devtools.timeline',
]

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

async function startProfiler(page: Page): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page)
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US })
  await session.send('Profiler.start')
  return session
}

/** Self time per function (name + file:line), as shares of the profiled wall time. */
function summarise(label: string, profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)
    const frame = node?.callFrame
    const file = frame?.url.split('/').pop() ?? ''
    const key = frame
      ? `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
      : '?'
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const total = profile.endTime - profile.startTime
  const idle = [...self].filter(([k]) => k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0)
  console.log(
    `\n${label}: ${(total / 1e6).toFixed(1)} s profiled, main thread busy ${(((total - idle) / total) * 100).toFixed(0)} %`,
  )
  console.log('| self ms | share | function |')
  console.log('| --- | --- | --- |')
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`| ${(us / 1000).toFixed(0)} | ${((us / total) * 100).toFixed(1)} % | ${key} |`)
  }
}

async function main(): Promise<void> {
  await withBenchRig(
    'profile',
    async ({ dir, app, browser }) => {
      const file = await writeRandomFile(dir, 'profile.bin', FILE_BYTES)
      const seeder = await Seeder.open(await browser.newContext({ baseURL: app.url }), QUERY)
      await seeder.dropFile(file.path)
      const link = await seeder.shareLink()

      const context = await browser.newContext({ baseURL: app.url })
      await installDownloadProbe(context)
      const page = await context.newPage()
      const seederSession = await startProfiler(seeder.page)
      const joinedAt = Date.now()
      await page.goto(withQuery(link, QUERY))
      const downloaderSession = await startProfiler(page)
      // A trace once bytes flow: it names what the CPU profile calls "(program)".
      await page.waitForFunction(
        () => typeof window.__downloadProbe?.firstByteAt === 'number',
        undefined,
        {
          polling: 50,
        },
      )
      await new Promise((resolve) => setTimeout(resolve, 1000))
      await browser.startTracing(page, { categories: TRACE_CATEGORIES })
      await new Promise((resolve) => setTimeout(resolve, TRACE_MS))
      const trace = (await browser.stopTracing()).toString('utf8')
      await writeFile(join(PROFILE_DIR, 'trace.json'), trace)
      const times = await waitForDownload(page, 300_000)
      const seconds = (times.completeAt - joinedAt) / 1000
      console.log(
        `${FILE_BYTES / 1024 / 1024} MiB in ${seconds.toFixed(1)} s from join: ${(FILE_BYTES / 1024 / 1024 / seconds).toFixed(1)} MiB/s`,
      )
      for (const [label, session] of [
        ['downloader', downloaderSession],
        ['seeder', seederSession],
      ] as const) {
        const { profile } = (await session.send('Profiler.stop')) as unknown as {
          profile: CpuProfile
        }
        await writeFile(join(PROFILE_DIR, `${label}.cpuprofile`), JSON.stringify(profile))
        summarise(label, profile)
      }
      for (const thread of summariseTrace(trace)) {
        console.log(
          `\ntrace, renderer ${thread.pid} (${thread.url}): busy ${thread.busyMs.toFixed(0)} of ${thread.windowMs.toFixed(0)} ms`,
        )
        console.log('| self ms | event |')
        console.log('| --- | --- |')
        for (const [name, ms] of [...thread.selfMs].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
          console.log(`| ${ms.toFixed(0)} | ${name} |`)
        }
      }
    },
    { minify: false },
  )
}

await main()
