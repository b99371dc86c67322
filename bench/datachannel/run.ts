// Data-channel throughput, tab to tab in Chromium: raw RTCDataChannel vs the two simple-peer
// flavours, all with the engine's bufferedAmount flow control. Decides ADR 0002.
// Run: npm run bench:datachannel  (env: CHROMIUM_PATH, BENCH_MIB, BENCH_RUNS)
import type { Page } from '@playwright/test'

import { launchChromium, median } from '../support/app.ts'
import { bundleDataChannelPage, openBenchPagePair, serveDataChannelPage } from './page-server.ts'

type Flavour = 'raw' | 'simple-peer' | 'thaunknown'

const FLAVOURS: readonly Flavour[] = ['raw', 'simple-peer', 'thaunknown']
const MESSAGE_BYTES = 64 * 1024
const TOTAL_BYTES = Number(process.env['BENCH_MIB'] ?? 64) * 1024 * 1024
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3)

async function measure(a: Page, b: Page, flavour: Flavour): Promise<number> {
  await Promise.all([
    a.evaluate((f) => window.bench.connect(f, true), flavour),
    b.evaluate((f) => window.bench.connect(f, false), flavour),
  ])
  await b.evaluate((n) => window.bench.expect(n), TOTAL_BYTES)
  const started = performance.now()
  await a.evaluate(([n, m]) => window.bench.send(n, m), [TOTAL_BYTES, MESSAGE_BYTES] as const)
  await b.evaluate(() => window.bench.done())
  const seconds = (performance.now() - started) / 1000
  await Promise.all([
    a.evaluate(() => window.bench.close()),
    b.evaluate(() => window.bench.close()),
  ])
  return TOTAL_BYTES / (1024 * 1024) / seconds
}

async function main(): Promise<void> {
  const { url, close } = await serveDataChannelPage(await bundleDataChannelPage())
  const browser = await launchChromium()
  try {
    const [a, b] = await openBenchPagePair(browser, url)
    const results = new Map<Flavour, number[]>(FLAVOURS.map((f) => [f, []]))
    // Interleave flavours so a slow patch of the machine does not land on one flavour only.
    for (let run = 1; run <= RUNS; run++) {
      for (const flavour of FLAVOURS) {
        const mibPerSecond = await measure(a, b, flavour)
        results.get(flavour)?.push(mibPerSecond)
        console.log(`run ${run} ${flavour.padEnd(12)} ${mibPerSecond.toFixed(1)} MiB/s`)
      }
    }
    const raw = median(results.get('raw') ?? [])
    console.log(
      `\n${TOTAL_BYTES / 1024 / 1024} MiB, ${MESSAGE_BYTES / 1024} KiB messages, ${RUNS} runs`,
    )
    console.log('| flavour | runs (MiB/s) | median MiB/s | vs raw |')
    console.log('| --- | --- | --- | --- |')
    for (const flavour of FLAVOURS) {
      const runs = results.get(flavour) ?? []
      const m = median(runs)
      console.log(
        `| ${flavour} | ${runs.map((r) => r.toFixed(1)).join(', ')} | ${m.toFixed(1)} | ${(m / raw).toFixed(2)} |`,
      )
    }
  } finally {
    await browser.close()
    close()
  }
}

await main()
