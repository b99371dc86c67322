// Data-channel throughput, tab to tab in Chromium: raw RTCDataChannel vs the two simple-peer
// flavours, all with the engine's bufferedAmount flow control. Decides ADR 0002.
// Run: npm run bench:datachannel  (env: CHROMIUM_PATH, BENCH_MIB, BENCH_RUNS)
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

import { type Browser, type Page, chromium } from '@playwright/test'
import { build } from 'esbuild'

type Flavour = 'raw' | 'simple-peer' | 'thaunknown'

const FLAVOURS: readonly Flavour[] = ['raw', 'simple-peer', 'thaunknown']
const MESSAGE_BYTES = 64 * 1024
const TOTAL_BYTES = Number(process.env['BENCH_MIB'] ?? 64) * 1024 * 1024
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3)
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Headless Chromium may fail to resolve mDNS host candidates (STYLE §7).
  '--disable-features=WebRtcHideLocalIpsWithMdns',
]

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [here('./page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    define: { global: 'globalThis' },
    // streamx (under @thaunknown/simple-peer) requires Node's `events`; browsers need a stand-in.
    // The `events` npm package (a dependency of @swarmdrop/webrtc); see ADR 0002.
    alias: { events: 'events/' },
    logLevel: 'warning',
  })
  const output = result.outputFiles[0]
  if (!output) {
    throw new Error('esbuild produced no output')
  }
  return output.text
}

function serve(script: string): Promise<{ url: string; close: () => void }> {
  const html = '<!doctype html><meta charset="utf-8"><title>datachannel bench</title>'
  const server = createServer((request, response) => {
    if (request.url === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
    } else {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`${html}<script type="module" src="/page.js"></script>`)
    }
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() })
    })
  })
}

function chromiumPath(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH']
  if (fromEnv) {
    return fromEnv
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
}

/** Opens one tab per peer, each in its own context, with signals relayed in order. */
async function openPair(browser: Browser, url: string): Promise<[Page, Page]> {
  const pages: Page[] = []
  for (let i = 0; i < 2; i++) {
    const context = await browser.newContext()
    pages.push(await context.newPage())
  }
  const [a, b] = pages as [Page, Page]
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    let queue = Promise.resolve()
    await from.exposeFunction('benchSignal', (data: string) => {
      queue = queue.then(() => to.evaluate((d) => window.bench.signal(d), data))
      return queue
    })
    await from.goto(url)
    await from.waitForFunction(() => 'bench' in window)
  }
  return [a, b]
}

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
  const { url, close } = await serve(await bundlePage())
  const executablePath = chromiumPath()
  const browser = await chromium.launch({
    ...(executablePath === undefined ? {} : { executablePath }),
    args: CHROMIUM_FLAGS,
  })
  try {
    const [a, b] = await openPair(browser, url)
    const results = new Map<Flavour, number[]>(FLAVOURS.map((f) => [f, []]))
    // Interleave flavours so a slow patch of the machine does not land on one flavour only.
    for (let run = 1; run <= RUNS; run++) {
      for (const flavour of FLAVOURS) {
        const mibPerSecond = await measure(a, b, flavour)
        results.get(flavour)?.push(mibPerSecond)
        console.log(`run ${run} ${flavour.padEnd(12)} ${mibPerSecond.toFixed(1)} MiB/s`)
      }
    }
    const median = (xs: number[]): number => {
      const sorted = xs.slice().sort((x, y) => x - y)
      return sorted[Math.floor(sorted.length / 2)] ?? 0
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
